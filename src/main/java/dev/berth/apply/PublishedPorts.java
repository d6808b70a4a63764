package dev.berth.apply;

import dev.berth.repo.RepoUnit;
import dev.berth.unit.UnitKind;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The TCP ports a quadlet container publishes, on the container's side: what its own process must listen on before
 * its settle window may end early ({@link SettleWatch}). Empty, so the window stays whole, when there is no such
 * signal to trust: no {@code PublishPort=}, a UDP port or a port range, a {@code PublishPort=} that does not parse,
 * or a network the container does not have to itself ({@code Network=host}, {@code none}, {@code container:},
 * {@code ns:}, or a {@code Pod=}, whose ports are published by the pod).
 */
final class PublishedPorts {
    private PublishedPorts() {
    }

    static Optional<Set<Integer>> tcpContainerPorts(RepoUnit u) {
        if (u.name().kind() != UnitKind.CONTAINER || u.unit().value("Container", "Pod").isPresent()) {
            return Optional.empty();
        }
        for (String network : u.unit().values("Container", "Network")) {
            String n = network.strip();
            if (n.equals("host") || n.equals("none") || n.startsWith("container:") || n.startsWith("ns:")) {
                return Optional.empty();
            }
        }
        Set<Integer> ports = new TreeSet<>();
        for (String publish : u.unit().values("Container", "PublishPort")) {
            Optional<Integer> port = containerPort(publish);
            if (port.isEmpty()) {
                return Optional.empty();
            }
            ports.add(port.get());
        }
        return ports.isEmpty() ? Optional.empty() : Optional.of(ports);
    }

    /** {@code [[ip:][hostPort]:]containerPort[/tcp]}: the container's port, or empty (UDP, a range, not a port). */
    static Optional<Integer> containerPort(String publish) {
        String p = publish.strip();
        int slash = p.lastIndexOf('/');
        if (slash >= 0) {
            if (!p.substring(slash + 1).equals("tcp")) {
                return Optional.empty();
            }
            p = p.substring(0, slash);
        }
        String port = p.substring(p.lastIndexOf(':') + 1); // an [ipv6] address holds colons, but never last
        if (port.isEmpty() || port.length() > 5 || !port.chars().allMatch(Character::isDigit)) {
            return Optional.empty();
        }
        int n = Integer.parseInt(port);
        return n >= 1 && n <= 65535 ? Optional.of(n) : Optional.empty();
    }
}
