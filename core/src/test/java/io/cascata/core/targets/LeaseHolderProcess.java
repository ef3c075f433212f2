package io.cascata.core.targets;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * A second process for {@link LocalLeasesTest}: takes the lease on the output given, says
 * {@code taken} or {@code held}, and on the line {@code close} from its input releases it and
 * ends its use of the lease file, says {@code closed} and exits. With {@code --delete LEASEFILE}
 * it stands for a run deleting a lease file: locks the whole file, says {@code locked}, and on
 * the line {@code delete} deletes the file, lets go of it, says {@code deleted} and exits.
 */
public final class LeaseHolderProcess {

    private LeaseHolderProcess() {
    }

    public static void main(String[] args) throws Exception {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        if (args[0].equals("--delete")) {
            Path file = Path.of(args[1]);
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                    FileLock whole = channel.lock(0, Long.MAX_VALUE, false)) {
                System.out.println("locked");
                System.out.flush();
                for (String line; (line = in.readLine()) != null && !line.equals("delete"); ) {
                    // wait for the word; a test that went away leaves the file in place
                }
                Files.delete(file);
            }
            System.out.println("deleted");
            return;
        }
        try (LocalLeases leases = new LocalLeases()) {
            Optional<LocalLease> lease = leases.tryTake(Path.of(args[0]));
            System.out.println(lease.isPresent() ? "taken" : "held");
            System.out.flush();
            for (String line; (line = in.readLine()) != null; ) {
                if (line.equals("close")) {
                    if (lease.isPresent()) {
                        lease.get().release();
                    }
                    break;
                }
            }
        }
        System.out.println("closed");
    }
}
