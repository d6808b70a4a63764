package dev.berth.git;

/** A commit as status and history show it. */
public record CommitInfo(String id, String subject, long commitTimeSeconds) {

    public String shortId() {
        return id.length() > 12 ? id.substring(0, 12) : id;
    }
}
