package dev.berth.fleet;

import dev.berth.state.BerthConfig;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** This host's identity: the name and labels in its config, else the kernel's host name. */
public final class LocalHost {

    private LocalHost() {
    }

    public static HostIdentity identity(BerthConfig config) {
        String name = config.hostName() != null && !config.hostName().isBlank() ? config.hostName() : systemHostName();
        return new HostIdentity(name, config.labels());
    }

    /** The kernel's host name (what {@code hostname} prints), not a DNS name. */
    public static String systemHostName() {
        try {
            String n = Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
            if (!n.isEmpty()) {
                return n;
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: ask the JDK
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "localhost";
        }
    }

    /** {@code K=V} arguments to a map, with a clear error for anything else. */
    public static Map<String, String> parseLabels(List<String> args) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String a : args == null ? List.<String>of() : args) {
            int eq = a.indexOf('=');
            if (eq <= 0 || a.substring(0, eq).isBlank() || a.contains(" ")) {
                throw new IllegalArgumentException("label '" + a + "' is not KEY=VALUE: write e.g. --label role=edge");
            }
            out.put(a.substring(0, eq), a.substring(eq + 1));
        }
        return out;
    }
}
