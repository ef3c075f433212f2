package io.cascata.ui;

/** The machine's name, as the run history records it. */
final class Hosts {

    private Hosts() {
    }

    static String name() {
        String name = System.getenv("HOSTNAME");
        if (name != null && !name.isBlank()) {
            return name;
        }
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }
}
