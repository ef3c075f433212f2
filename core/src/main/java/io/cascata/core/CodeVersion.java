package io.cascata.core;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The version of a task class's code that goes into its lineage: its {@link Version} when it
 * has one; else, when re-running on code changes is on, {@code bytecode:} and ten hex digits of
 * SHA-256 over the class file; else none (the empty string), which leaves lineages as they were.
 */
public final class CodeVersion {

    /** Bytecode hashes per class: a class's bytes do not change while it is loaded. */
    private static final ClassValue<String> BYTECODE = new ClassValue<>() {
        @Override
        protected String computeValue(Class<?> type) {
            return bytecodeHash(type);
        }
    };

    private CodeVersion() {
    }

    /** The code version of a task class; {@code bytecode} says whether rerun-on-code-change is on. */
    public static String of(Class<?> taskClass, boolean bytecode) {
        Version explicit = taskClass.getAnnotation(Version.class);
        if (explicit != null) {
            return explicit.value();
        }
        return bytecode ? BYTECODE.get(taskClass) : "";
    }

    private static String bytecodeHash(Class<?> type) {
        String resource = type.getName().substring(type.getName().lastIndexOf('.') + 1) + ".class";
        try (InputStream in = type.getResourceAsStream(resource)) {
            if (in == null) {
                return ""; // a class made at run time has no class file: no version to follow
            }
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return "bytecode:" + HexFormat.of().formatHex(digest.digest(in.readAllBytes())).substring(0, 10);
        } catch (IOException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot read the class file of " + type.getName(), e);
        }
    }
}
