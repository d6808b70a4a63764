package dev.berth.notify;

import com.fasterxml.jackson.annotation.JsonValue;

/** The forges whose commit status API Berth speaks. */
public enum Forge {
    /** POST /repos/{owner}/{repo}/statuses/{sha}, Bearer token */
    GITHUB("github", "https://api.github.com"),
    /** Gitea and Forgejo: the same shape under /api/v1, {@code Authorization: token ...}; no public default */
    GITEA("gitea", null),
    /** POST /projects/{id}/statuses/{sha}, PRIVATE-TOKEN */
    GITLAB("gitlab", "https://gitlab.com/api/v4");

    private final String word;
    private final String defaultApi;

    Forge(String word, String defaultApi) {
        this.word = word;
        this.defaultApi = defaultApi;
    }

    @JsonValue
    public String word() {
        return word;
    }

    /** The public service's API base, or null when there is none (Gitea, Forgejo: name your server's). */
    public String defaultApi() {
        return defaultApi;
    }

    public static Forge of(String word) {
        for (Forge f : values()) {
            if (f.word.equalsIgnoreCase(word) || word.equalsIgnoreCase("forgejo") && f == GITEA) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown forge '" + word + "': use github, gitea, forgejo or gitlab");
    }
}
