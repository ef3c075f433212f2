package io.cascata.core.explain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cascata.core.json.Json;
import io.cascata.core.targets.Storage;
import io.cascata.core.targets.StorageEntry;
import io.cascata.core.targets.Storages;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where provenance is kept: a hidden sidecar beside each parameter-aware output,
 * {@code .NAME.provenance.json} next to {@code NAME} (a file or a directory), which readers of
 * the output and directory listings of data files skip like any hidden name.
 */
final class ProvenanceFiles {

    static final String SUFFIX = ".provenance.json";

    private ProvenanceFiles() {
    }

    /** The sidecar of an output location. */
    static String sidecar(Storage storage, String location) {
        String parent = storage.parent(location).orElse("");
        return storage.child(parent, "." + storage.name(location) + SUFFIX);
    }

    static void write(String outputLocation, Provenance p) throws IOException {
        Storage storage = Storages.forLocation(outputLocation);
        ObjectNode root = Json.mapper().createObjectNode();
        root.set("task", ref(p.task()));
        root.put("lineage", p.lineage());
        root.put("codeVersion", p.codeVersion());
        root.put("committed", p.committed().toString());
        var requires = root.putArray("requires");
        p.requires().forEach(r -> requires.add(ref(r)));
        try (OutputStream out = storage.create(sidecar(storage, outputLocation))) {
            out.write(Json.mapper().writeValueAsBytes(root));
        }
    }

    /** The provenance kept beside an output, if any can be read. */
    static Optional<Provenance> read(String outputLocation) {
        Storage storage = Storages.forLocation(outputLocation);
        return readSidecar(storage, sidecar(storage, outputLocation));
    }

    /**
     * The provenance of the other outputs in an output's directory whose names differ from it
     * only where the lineage hash is: earlier versions of the same output.
     */
    static List<Provenance> earlierVersions(String outputLocation, String lineage) throws IOException {
        Storage storage = Storages.forLocation(outputLocation);
        String name = storage.name(outputLocation);
        int at = name.lastIndexOf("_" + lineage);
        List<Provenance> found = new ArrayList<>();
        Optional<String> parent = storage.parent(outputLocation);
        if (at < 0 || parent.isEmpty()) {
            return found;
        }
        String prefix = "." + name.substring(0, at + 1);
        String suffix = name.substring(at + 1 + lineage.length()) + SUFFIX;
        for (StorageEntry e : storage.list(parent.get())) {
            if (!e.directory() && e.name().startsWith(prefix) && e.name().endsWith(suffix)
                    && e.name().length() == prefix.length() + lineage.length() + suffix.length()
                    && !e.name().equals("." + name + SUFFIX)) {
                readSidecar(storage, storage.child(parent.get(), e.name())).ifPresent(found::add);
            }
        }
        return found;
    }

    private static Optional<Provenance> readSidecar(Storage storage, String sidecar) {
        try {
            if (storage.stat(sidecar).isEmpty()) {
                return Optional.empty();
            }
            JsonNode n;
            try (InputStream in = storage.open(sidecar)) {
                n = Json.mapper().readTree(in);
            }
            List<Provenance.TaskRef> requires = new ArrayList<>();
            n.path("requires").forEach(r -> requires.add(ref(r)));
            return Optional.of(new Provenance(ref(n.path("task")), n.path("lineage").asText(),
                    n.path("codeVersion").asText(), Instant.parse(n.path("committed").asText()), requires));
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // an unreadable sidecar explains nothing, and changes nothing
        }
    }

    private static ObjectNode ref(Provenance.TaskRef r) {
        ObjectNode n = Json.mapper().createObjectNode();
        n.put("id", r.id());
        n.put("family", r.family());
        ObjectNode params = n.putObject("params");
        new java.util.TreeMap<>(r.params()).forEach(params::put);
        if (!r.lineage().isEmpty()) {
            n.put("lineage", r.lineage());
        }
        return n;
    }

    private static Provenance.TaskRef ref(JsonNode n) {
        Map<String, String> params = new LinkedHashMap<>();
        n.path("params").fields().forEachRemaining(e -> params.put(e.getKey(), e.getValue().asText()));
        return new Provenance.TaskRef(n.path("id").asText(), n.path("family").asText(), params,
                n.path("lineage").asText(""));
    }
}
