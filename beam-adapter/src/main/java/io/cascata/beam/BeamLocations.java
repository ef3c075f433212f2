package io.cascata.beam;

import io.cascata.core.targets.DirectoryTarget;
import io.cascata.core.targets.FileTarget;
import io.cascata.core.targets.Target;

/**
 * Where Beam finds a target: the storage's qualified form, an absolute path for local files
 * (workers may have another working directory) and a full URI for the others.
 */
final class BeamLocations {

    private BeamLocations() {
    }

    static String of(Target target) {
        if (target instanceof FileTarget file) {
            return file.storage().qualify(file.location());
        }
        if (target instanceof DirectoryTarget directory) {
            return directory.storage().qualify(directory.location());
        }
        return target.location();
    }
}
