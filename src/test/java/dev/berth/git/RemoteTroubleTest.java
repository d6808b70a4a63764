package dev.berth.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Remotes that fail on the network: a clone or fetch ends, in bounded time, with a message that says what to check. */
class RemoteTroubleTest {
    private static final Duration SILENCE = Duration.ofSeconds(1);
    private static final Duration BOUND = Duration.ofSeconds(30); // a hang fails the test instead of holding the build

    @TempDir
    Path tmp;

    @Test
    void aRemoteThatAcceptsAndNeverAnswersEndsTheCloneAndTheFetch() throws Exception {
        try (Tarpit pit = Tarpit.open(); TestGitRepo remote = TestGitRepo.create(tmp.resolve("remote"))) {
            String silent = "http://127.0.0.1:" + pit.port() + "/deploy.git";
            assertThatThrownBy(() -> assertTimeoutPreemptively(BOUND,
                    () -> GitSource.cloneInto(silent, null, tmp.resolve("never"), null, SILENCE)))
                    .isInstanceOf(GitException.class)
                    .hasMessageStartingWith("cannot clone " + silent + ": no answer from 127.0.0.1 within 1 s")
                    .hasMessageContaining("the next sync tries again");

            // a clone whose remote went silent since: the fetch (what every sync and the daemon run) ends too
            remote.write("a.container", "[Container]\nImage=a\n").commit("one");
            try (GitSource source = GitSource.cloneInto(remote.url(), null, tmp.resolve("clone"))) {
                source.repository().getConfig().setString("remote", "origin", "url", silent);
                source.repository().getConfig().save();
                assertThatThrownBy(() -> assertTimeoutPreemptively(BOUND, () -> source.fetch(SILENCE)))
                        .isInstanceOf(GitException.class)
                        .hasMessageStartingWith("cannot fetch " + silent + ": no answer from 127.0.0.1 within 1 s");
            }
            assertThat(pit.accepted()).as("both reached the server").isGreaterThanOrEqualTo(2);
        }
    }

    @Test
    void anSshServerThatNeverCompletesItsHandshakeEndsTheCloneToo() throws Exception {
        assertThat(GitSource.REMOTE_SILENCE).isNotNull(); // GitSource loaded: it sets the bound for the process
        assertThat(System.getProperty(SshHandshakeBound.PROPERTY)).isEqualTo(Long.toString(GitSource.REMOTE_SILENCE.toMillis()));
        String before = System.setProperty(SshHandshakeBound.PROPERTY, "3000"); // not 2 minutes here
        try (Tarpit pit = Tarpit.open()) {
            String silent = "ssh://git@127.0.0.1:" + pit.port() + "/deploy.git";
            // Bounded is the promise. What it says depends on which of sshd's two clocks for the bound runs out
            // first: the wait for the handshake ("no answer ... within") or the session's own timer, which closes
            // it ("Session is being closed"); with a bound of minutes the first, almost always.
            assertThatThrownBy(() -> assertTimeoutPreemptively(BOUND,
                    () -> GitSource.cloneInto(silent, null, tmp.resolve("never"), null, Duration.ofSeconds(3))))
                    .isInstanceOf(GitException.class)
                    .hasMessageStartingWith("cannot clone " + RemoteUrls.redact(silent) + ": ")
                    .satisfies(e -> assertThat(e.getMessage()).containsAnyOf("no answer from 127.0.0.1 within 3 s",
                            "Session is being closed"));
        } finally {
            System.setProperty(SshHandshakeBound.PROPERTY, before);
        }
    }

    @Test
    void aPortNobodyListensOnIsNamedForHttpAndSsh() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        for (String url : List.of("http://127.0.0.1:" + closed + "/r.git", "ssh://git@127.0.0.1:" + closed + "/r.git")) {
            assertThatThrownBy(() -> assertTimeoutPreemptively(BOUND,
                    () -> GitSource.cloneInto(url, null, tmp.resolve("c"), null, SILENCE)))
                    .as(url).hasMessage("cannot clone " + RemoteUrls.redact(url) + ": nothing accepts connections at 127.0.0.1:" + closed
                            + ": check the URL's host and port, and that the git server runs");
        }
    }

    @Test
    void aHostNameThatDoesNotResolveIsNamed() {
        // .invalid never resolves (RFC 6761); JGit alone says "cannot open git-upload-pack"
        String url = "https://user:secret@git.berth-test.invalid/r.git";
        assertThatThrownBy(() -> assertTimeoutPreemptively(BOUND,
                () -> GitSource.cloneInto(url, null, tmp.resolve("c"), null, SILENCE)))
                .hasMessage("cannot clone https://***@git.berth-test.invalid/r.git: the host name git.berth-test.invalid"
                        + " does not resolve: check the URL, and this host's DNS");
    }

    @Test
    void otherFailuresKeepJGitsMessage() {
        assertThat(RemoteTrouble.of(new IOException("Authentication is required"), "https://h/r.git", SILENCE)).isEmpty();
    }

    /** A loopback server that accepts every connection and never sends a byte. */
    private record Tarpit(ServerSocket server, List<Socket> held) implements AutoCloseable {
        static Tarpit open() throws IOException {
            Tarpit pit = new Tarpit(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()), new CopyOnWriteArrayList<>());
            Thread.ofPlatform().daemon().name("tarpit").start(() -> {
                try {
                    while (true) {
                        pit.held.add(pit.server.accept());
                    }
                } catch (IOException closed) {
                    // the test is over
                }
            });
            return pit;
        }

        int port() {
            return server.getLocalPort();
        }

        int accepted() {
            return held.size();
        }

        @Override
        public void close() throws IOException {
            server.close();
            for (Socket s : held) {
                s.close();
            }
        }
    }
}
