package dev.berth.git;

import org.eclipse.jgit.api.TransportConfigCallback;
import org.eclipse.jgit.lib.AnyObjectId;
import org.eclipse.jgit.lib.BlobObjectChecker;
import org.eclipse.jgit.lib.ObjectChecker;

/**
 * Checks every object a fetch or clone brings, as {@code git fsck} would (JGit's checks: no {@code ..},
 * {@code .}, {@code .git} or empty names, no duplicate entries, well-formed commits), and stops the fetch
 * as soon as one object, or all of them together, grow over the {@link GitLimits}. Blobs are counted as they
 * stream in, so a huge one is never held in memory. One instance per fetch.
 */
final class FetchChecker extends ObjectChecker {
    private final GitLimits limits;
    private long total;

    private FetchChecker(GitLimits limits) {
        this.limits = limits;
    }

    /** Installs a new checker on each transport, after whatever {@code next} configures. */
    static TransportConfigCallback around(TransportConfigCallback next, GitLimits limits) {
        return transport -> {
            if (next != null) {
                next.configure(transport);
            }
            transport.setObjectChecker(new FetchChecker(limits));
        };
    }

    @Override
    public BlobObjectChecker newBlobObjectChecker() {
        return new BlobObjectChecker() {
            private long size;

            @Override
            public void update(byte[] in, int offset, int len) {
                size += len;
                total += len;
                if (size > limits.maxFetchedObjectBytes()) {
                    throw new OverLimit("a file in the fetched commits is over " + GitLimits.size(limits.maxFetchedObjectBytes())
                            + ", the limit for one file a fetch may bring");
                }
                if (total > limits.maxFetchedBytes()) {
                    throw new OverLimit("the fetched commits hold more than " + GitLimits.size(limits.maxFetchedBytes())
                            + " of files, the limit for one fetch");
                }
            }

            @Override
            public void endBlob(AnyObjectId id) {
                // sizes were checked as the data came
            }
        };
    }

    /** Unchecked, because the blob checker may not throw anything else; JGit removes the partial pack. */
    static final class OverLimit extends RuntimeException {
        private static final long serialVersionUID = 1L;

        OverLimit(String message) {
            super(message);
        }
    }
}
