package dev.berth.apply;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Whether a quadlet container's own process listens on given TCP ports, read from {@code /proc} (no fork): the
 * service's main process is conmon, the container's first process is conmon's child, and its
 * {@code net/tcp}/{@code net/tcp6} list the sockets of its own network namespace. A published port is bound on the
 * host by netavark/pasta before the process listens, so only the container's side tells. A child that shares the
 * reader's network namespace (host networking) is no answer: its sockets could be anyone's.
 */
final class ContainerListening implements SettleWatch.ListenProbe {
    /** {@code /proc/net/tcp}'s state of a listening socket. */
    private static final String LISTEN = "0A";

    private final Path proc;

    ContainerListening(Path proc) {
        this.proc = proc;
    }

    static ContainerListening host() {
        return new ContainerListening(Path.of("/proc"));
    }

    /**
     * What the container under {@code mainPid} (conmon) is doing: {@code GONE} only when conmon could be read and has
     * no child in a network namespace of its own (the container's process exited, conmon and podman are still
     * cleaning up, and systemd still says active); {@code UNKNOWN} whenever something could not be read.
     */
    @Override
    public SettleWatch.Seen look(long mainPid, Set<Integer> ports) {
        try {
            String own = Files.readSymbolicLink(proc.resolve("self/ns/net")).toString();
            Path main = proc.resolve(Long.toString(mainPid));
            boolean container = false;
            for (String child : Files.readString(main.resolve("task/" + mainPid + "/children")).trim().split("\\s+")) {
                if (child.isEmpty()) {
                    continue;
                }
                Path c = proc.resolve(child);
                if (Files.readSymbolicLink(c.resolve("ns/net")).toString().equals(own)) {
                    continue; // conmon's exit command (podman container cleanup), or host networking
                }
                container = true;
                Set<Integer> listening = new HashSet<>(listeningPorts(Files.readAllLines(c.resolve("net/tcp"))));
                listening.addAll(listeningPorts(Files.readAllLines(c.resolve("net/tcp6"))));
                if (listening.containsAll(ports)) {
                    return SettleWatch.Seen.LISTENING;
                }
            }
            return container ? SettleWatch.Seen.NOT_YET : SettleWatch.Seen.GONE;
        } catch (IOException | RuntimeException e) {
            return SettleWatch.Seen.UNKNOWN; // gone, restarted, not readable: no answer, the window stays whole
        }
    }

    /** The local ports of the listening sockets in a {@code /proc/<pid>/net/tcp} or {@code tcp6} table. */
    static Set<Integer> listeningPorts(List<String> table) {
        Set<Integer> ports = new HashSet<>();
        for (String line : table) {
            String[] f = line.trim().split("\\s+");
            // "sl local_address rem_address st ...": local is HEXADDR:HEXPORT
            if (f.length < 4 || !f[0].endsWith(":") || !f[3].equals(LISTEN)) {
                continue;
            }
            int colon = f[1].lastIndexOf(':');
            try {
                ports.add(Integer.parseInt(f[1].substring(colon + 1), 16));
            } catch (NumberFormatException e) {
                // not a socket line: skipped, as the header is
            }
        }
        return ports;
    }
}
