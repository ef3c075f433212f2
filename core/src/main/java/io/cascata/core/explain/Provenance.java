package io.cascata.core.explain;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What made one parameter-aware output, kept beside it when it is committed: the task (id and
 * parameters), its lineage hash and code version, and the same for each task it required. A later
 * run whose output path differs (its lineage changed) compares against this to say why.
 *
 * @param task the task that wrote the output
 * @param lineage the task's lineage hash then
 * @param codeVersion its code version then ({@link io.cascata.core.CodeVersion}; empty for none)
 * @param committed when the output was committed
 * @param requires the tasks it required then
 */
public record Provenance(TaskRef task, String lineage, String codeVersion, Instant committed, List<TaskRef> requires) {

    public Provenance {
        requires = List.copyOf(requires);
    }

    /**
     * A task as provenance names it.
     *
     * @param id its id ({@link io.cascata.core.TaskId#value()})
     * @param family its family
     * @param params its significant parameters as text
     * @param lineage its lineage hash, for a required task; empty otherwise
     */
    public record TaskRef(String id, String family, Map<String, String> params, String lineage) {

        public TaskRef {
            params = Map.copyOf(params);
        }

        /** {@code Family(a=1, b=x)}, parameters in name order. */
        public String display() {
            StringBuilder b = new StringBuilder(family).append('(');
            new java.util.TreeMap<>(params).forEach((k, v) -> b.append(b.charAt(b.length() - 1) == '(' ? "" : ", ")
                    .append(k).append('=').append(v));
            return b.append(')').toString();
        }
    }
}
