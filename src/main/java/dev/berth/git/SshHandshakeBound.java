package dev.berth.git;

import java.time.Duration;

/**
 * Bounds an ssh server's handshake and authentication. JGit's transport timeout covers connecting and reading,
 * but a server that accepts the TCP connection and never completes its handshake held a clone for minutes
 * (over six in a test). Apache MINA sshd reads its settings from system properties under
 * {@code org.apache.sshd.config.} when nothing else sets them: the one for authentication (which waits for the
 * handshake too) is set here, for every ssh client of the process, unless the operator set it already.
 */
final class SshHandshakeBound {
    static final String PROPERTY = "org.apache.sshd.config.auth-timeout";

    private SshHandshakeBound() {
    }

    static void atMost(Duration bound) {
        if (System.getProperty(PROPERTY) == null) {
            System.setProperty(PROPERTY, Long.toString(bound.toMillis()));
        }
    }
}
