import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The FanIn graph's file work written by hand, with no framework: N leaf files, N/10 sums of ten
 * leaves, one total, each written to a temporary name and renamed into place, on 2 threads.
 * It is the floor that the disk sets for the same work; bench/fanin.sh runs it beside Cascata.
 * Usage: java bench/RawFanIn.java DIR N
 */
public class RawFanIn {

    private static final AtomicLong COUNTER = new AtomicLong();

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int n = Integer.parseInt(args[1]);
        Files.createDirectories(dir.resolve("leaf"));
        Files.createDirectories(dir.resolve("mid"));
        ExecutorService pool = Executors.newFixedThreadPool(2);
        for (int t = 0; t < 2; t++) {
            int first = t;
            pool.submit(() -> {
                for (int i = first; i < n; i += 2) {
                    write(dir.resolve("leaf/" + i + ".txt"), Integer.toString(i));
                }
                return null;
            });
        }
        pool.shutdown();
        pool.awaitTermination(1, TimeUnit.HOURS);
        pool = Executors.newFixedThreadPool(2);
        for (int t = 0; t < 2; t++) {
            int first = t;
            pool.submit(() -> {
                for (int g = first; g < n / 10; g += 2) {
                    long sum = 0;
                    for (int i = 10 * g; i < 10 * g + 10; i++) {
                        sum += Long.parseLong(Files.readString(dir.resolve("leaf/" + i + ".txt")).trim());
                    }
                    write(dir.resolve("mid/" + g + ".txt"), Long.toString(sum));
                }
                return null;
            });
        }
        pool.shutdown();
        pool.awaitTermination(1, TimeUnit.HOURS);
        long total = 0;
        for (int g = 0; g < n / 10; g++) {
            total += Long.parseLong(Files.readString(dir.resolve("mid/" + g + ".txt")).trim());
        }
        write(dir.resolve("fanin-" + n + ".txt"), Long.toString(total));
    }

    private static void write(Path path, String text) throws Exception {
        Path temp = path.resolveSibling("." + path.getFileName() + ".tmp-" + COUNTER.incrementAndGet());
        Files.writeString(temp, text, StandardCharsets.UTF_8);
        Files.move(temp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
