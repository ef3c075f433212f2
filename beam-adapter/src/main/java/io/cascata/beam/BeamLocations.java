package io.cascata.beam;

import io.cascata.core.target.LocalDirectoryTarget;
import io.cascata.core.target.LocalTarget;
import io.cascata.core.target.Target;

/**
 * Where Beam finds a target: absolute paths for local files (workers may have another working
 * directory), the target's own URI for other file systems.
 */
final class BeamLocations {

    private BeamLocations() {
    }

    static String of(Target target) {
        if (target instanceof LocalTarget local) {
            return local.path().toAbsolutePath().toString();
        }
        if (target instanceof LocalDirectoryTarget directory) {
            return directory.path().toAbsolutePath().toString();
        }
        return target.location();
    }
}
