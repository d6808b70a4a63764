package dev.berth.git;

/**
 * A commit as status and history show it.
 *
 * @param author    the author as git prints it ({@code Name <email>}), or null when not read
 * @param signature what its signature says on this host, or null when not checked (history lists, messages)
 */
public record CommitInfo(String id, String subject, long commitTimeSeconds, String author, SignatureStatus signature) {

    /** A commit named without its author or signature (not in the clone, or in a list where they are not shown). */
    public CommitInfo(String id, String subject, long commitTimeSeconds) {
        this(id, subject, commitTimeSeconds, null, null);
    }

    public CommitInfo withSignature(SignatureStatus status) {
        return new CommitInfo(id, subject, commitTimeSeconds, author, status);
    }

    public String shortId() {
        return id.length() > 12 ? id.substring(0, 12) : id;
    }
}
