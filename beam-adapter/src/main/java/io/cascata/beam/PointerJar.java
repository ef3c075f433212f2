package io.cascata.beam;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * A jar with nothing but a manifest whose {@code Class-Path} names another jar by its absolute
 * {@code file:} URL. A URL class loader given the pointer loads classes and resources from the
 * jar it names; Flink's user-code class loaders are such loaders, so a job that ships the pointer
 * runs the named jar's code without the jar being sent.
 */
final class PointerJar {

    private PointerJar() {
    }

    /** Writes {@code pointer} to name {@code target}. */
    static Path write(Path pointer, Path target) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH, target.toAbsolutePath().toUri().toString());
        try (OutputStream file = Files.newOutputStream(pointer); JarOutputStream out = new JarOutputStream(file, manifest)) {
            // the manifest is the whole content
        }
        return pointer;
    }
}
