package dev.berth.git;

import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import org.eclipse.jgit.transport.URIish;

/**
 * What a failed clone or fetch met on the network, said so that a user knows what to check: JGit says
 * "cannot open git-upload-pack" for a host name that does not resolve, and its ssh transport names a
 * connect future. Empty when the failure was not the network's (then JGit's own message is clear enough).
 */
final class RemoteTrouble {
    private RemoteTrouble() {
    }

    static Optional<String> of(Throwable failure, String remote, Duration silence) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof UnknownHostException || t instanceof UnresolvedAddressException) {
                return Optional.of("the host name " + host(remote) + " does not resolve: check the URL, and this host's DNS");
            }
            if (t instanceof ConnectException) {
                return Optional.of("nothing accepts connections at " + address(remote)
                        + ": check the URL's host and port, and that the git server runs");
            }
            if (t instanceof InterruptedIOException || t instanceof TimeoutException) { // a read timeout; the ssh handshake's
                return Optional.of("no answer from " + host(remote) + " within " + silence.toSeconds()
                        + " s: the server accepted the connection and then stopped answering (or something in"
                        + " between drops the traffic); the next sync tries again");
            }
        }
        return Optional.empty();
    }

    private static String host(String remote) {
        return parsed(remote).map(URIish::getHost).filter(h -> h != null && !h.isEmpty()).orElse("the remote");
    }

    private static String address(String remote) {
        return parsed(remote).filter(u -> u.getHost() != null)
                .map(u -> u.getHost() + (u.getPort() > 0 ? ":" + u.getPort() : "")).orElse("the remote");
    }

    private static Optional<URIish> parsed(String remote) {
        try {
            return Optional.of(new URIish(RemoteUrls.withoutUserInfo(remote)));
        } catch (URISyntaxException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
