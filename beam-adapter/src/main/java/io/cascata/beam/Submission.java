package io.cascata.beam;

import java.util.List;
import java.util.Optional;

/**
 * Where a stage's Flink job is submitted over REST and which files go with it.
 *
 * @param restAddress the cluster's REST address, {@code host:port}
 * @param files the files to stage with the job, or empty for Cascata's default (the jar the driver runs from)
 * @param embedded whether the cluster is the run's embedded Flink (which ends with the run, so has no UI worth linking)
 */
record Submission(String restAddress, Optional<List<String>> files, boolean embedded) {
}
