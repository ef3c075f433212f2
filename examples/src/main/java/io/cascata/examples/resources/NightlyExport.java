package io.cascata.examples.resources;

import io.cascata.core.Param;
import io.cascata.core.Task;
import io.cascata.core.targets.LocalTarget;
import java.util.List;

/** The night's exports: five tables, the orders first, never more at once than the database allows. */
public record NightlyExport(@Param(value = "output directory", defaultValue = "output/exports") String out) implements Task {

    @Override
    public List<ExportTable> requires() {
        return List.of(new ExportTable("customers", 0, out), new ExportTable("products", 0, out),
                new ExportTable("orders", 10, out), new ExportTable("invoices", 5, out), new ExportTable("audit_log", -1, out));
    }

    @Override
    public LocalTarget output() {
        return LocalTarget.of(out + "/_DONE");
    }

    @Override
    public void run() throws Exception {
        output().writeText("exported " + requires().size() + " tables\n");
    }
}
