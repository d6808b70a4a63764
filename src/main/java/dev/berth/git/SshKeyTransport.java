package dev.berth.git;

import java.nio.file.Path;
import java.util.List;
import org.eclipse.jgit.api.TransportConfigCallback;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.SshTransport;
import org.eclipse.jgit.transport.Transport;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;
import org.eclipse.jgit.transport.sshd.SshdSessionFactory;
import org.eclipse.jgit.transport.sshd.SshdSessionFactoryBuilder;

/**
 * ssh:// remotes through Apache MINA sshd, authenticating with the key file given to {@code init}.
 * Host keys are checked against the user's {@code ~/.ssh/known_hosts}: an unknown host is refused,
 * never silently trusted. For https remotes, the user and token of the configured URL are handed over
 * as a credentials provider, so the clone's config holds the URL without them.
 */
final class SshKeyTransport implements TransportConfigCallback {
    private final Path key;
    private final CredentialsProvider credentials;
    private SshdSessionFactory factory;

    SshKeyTransport(Path key) {
        this(key, null);
    }

    /** @param remote the remote URL as configured, maybe with {@code user:token@} (null: none) */
    SshKeyTransport(Path key, String remote) {
        this.key = key;
        this.credentials = RemoteUrls.credentials(remote)
                .map(c -> (CredentialsProvider) new UsernamePasswordCredentialsProvider(c.user(), c.password()))
                .orElse(null);
    }

    @Override
    public void configure(Transport transport) {
        if (credentials != null) {
            transport.setCredentialsProvider(credentials);
        }
        if (key != null && transport instanceof SshTransport ssh) {
            ssh.setSshSessionFactory(factory());
        }
    }

    private synchronized SshdSessionFactory factory() {
        if (factory == null) {
            Path home = Path.of(System.getProperty("user.home"));
            factory = new SshdSessionFactoryBuilder()
                    .setHomeDirectory(home.toFile())
                    .setSshDirectory(home.resolve(".ssh").toFile())
                    .setDefaultIdentities(sshDir -> List.of(key))
                    .build(null);
        }
        return factory;
    }
}
