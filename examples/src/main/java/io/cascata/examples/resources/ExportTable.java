package io.cascata.examples.resources;

import io.cascata.core.Param;
import io.cascata.core.Task;
import io.cascata.core.targets.LocalTarget;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.Map;

/**
 * Exports one table of a database that takes few connections at once: it holds one
 * {@code db-connections} while it runs, so {@code [resources] db-connections=2} lets two
 * exports run together whatever {@code --workers} says. Tables that others wait for get a
 * higher priority and start first.
 */
public record ExportTable(@Param("the table") String table, @Param("its priority") int urgency,
        @Param(value = "output directory", defaultValue = "output/exports") String out) implements Task {

    @Override
    public Map<String, Integer> resources() {
        return Map.of("db-connections", 1);
    }

    @Override
    public int priority() {
        return urgency;
    }

    @Override
    public LocalTarget output() {
        return LocalTarget.of(out + "/" + table + ".csv");
    }

    @Override
    public void run() throws Exception {
        System.out.println(LocalTime.now().truncatedTo(ChronoUnit.MILLIS) + " exporting " + table);
        Thread.sleep(500); // the query
        output().writeText("table " + table + "\n");
    }
}
