package io.cascata.beam;

import io.cascata.core.targets.LocalDirectoryTarget;
import io.cascata.core.targets.LocalTarget;
import io.cascata.core.targets.Target;

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
