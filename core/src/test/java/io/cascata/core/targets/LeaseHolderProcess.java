package io.cascata.core.targets;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A second process for {@link LocalLeasesTest}: takes the lease on the output given, says
 * {@code taken} or {@code held}, and on the line {@code close} from its input releases it and
 * ends its use of the lease file, says {@code closed} and exits.
 */
public final class LeaseHolderProcess {

    private LeaseHolderProcess() {
    }

    public static void main(String[] args) throws Exception {
        try (LocalLeases leases = new LocalLeases()) {
            Optional<LocalLease> lease = leases.tryTake(Path.of(args[0]));
            System.out.println(lease.isPresent() ? "taken" : "held");
            System.out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
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
