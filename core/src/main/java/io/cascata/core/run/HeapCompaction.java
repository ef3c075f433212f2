package io.cascata.core.run;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives back the heap that graph discovery made the JVM take, once the graph is built.
 *
 * <p>Discovery allocates the run's long-lived graph in a burst; every young collection then copies
 * nearly all it finds, the pauses are long, and G1 answers long pauses by growing the heap (to
 * 2.7 GB committed for 1.1 million tasks whose graph is about 270 MB). A full collection moves the
 * graph to the old generation, but by default it keeps 70% of the heap free
 * ({@code MaxHeapFreeRatio}), and the eden that comes with a heap of that size is filled, and made
 * resident, by the tasks' short-lived garbage. So for this one collection the allowed free share
 * is lowered to what the graph needs; G1 grows the heap again from there only as the run's own
 * collections ask for it. Both ratios are restored right after: they are the JVM's, and other
 * runs in the same process keep the JVM's policy.
 */
final class HeapCompaction {

    private static final Logger LOG = LoggerFactory.getLogger(HeapCompaction.class);
    private static final String MIN_FREE = "MinHeapFreeRatio";
    private static final String MAX_FREE = "MaxHeapFreeRatio";
    // The heap after the collection: live data plus this share free (about 30 MB on 270 MB live).
    private static final String COMPACT_MAX_FREE = "10";
    private static final String COMPACT_MIN_FREE = "5";

    private HeapCompaction() {
    }

    /** One full collection that leaves the heap close to what is live, then the JVM's own ratios again. */
    static void compact() {
        HotSpotDiagnosticMXBean vm;
        String minFree;
        String maxFree;
        try {
            vm = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
            minFree = vm.getVMOption(MIN_FREE).getValue();
            maxFree = vm.getVMOption(MAX_FREE).getValue();
            // The minimum first: the JVM refuses a minimum above the maximum and the reverse.
            vm.setVMOption(MIN_FREE, COMPACT_MIN_FREE);
            vm.setVMOption(MAX_FREE, COMPACT_MAX_FREE);
        } catch (RuntimeException | LinkageError e) {
            // Another JVM, or one that does not let these be changed: its own sizing applies.
            LOG.debug("heap ratios not adjustable, collecting with the JVM's own: {}", e.toString());
            System.gc();
            return;
        }
        try {
            System.gc();
        } finally {
            try {
                vm.setVMOption(MAX_FREE, maxFree);
                vm.setVMOption(MIN_FREE, minFree);
            } catch (RuntimeException e) {
                LOG.debug("could not restore heap ratios {}={} {}={}: {}", MIN_FREE, minFree, MAX_FREE, maxFree,
                        e.toString());
            }
        }
    }
}
