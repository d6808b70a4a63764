package dev.berth.notify;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Commit status back to the forge, per host (context {@code berth/HOST}): pending when a sync starts deploying a
 * commit, then success or failure, so a pull request's merge commit shows where it runs.
 *
 * @param api        the API base ({@code https://api.github.com}, {@code https://git.example.com/api/v1},
 *                   {@code https://gitlab.com/api/v4})
 * @param repository {@code owner/name} (GitHub, Gitea, Forgejo) or the project's id or path (GitLab)
 * @param token      the API token (kept in {@code notify.json}, mode 0600; never shown)
 */
public record CommitStatus(Forge forge, URI api, String repository, String token) {

    public enum State { PENDING, SUCCESS, FAILURE }

    /** The state an event sets, if it sets one. */
    static Optional<State> stateFor(EventKind kind) {
        return switch (kind) {
            case DEPLOYING -> Optional.of(State.PENDING);
            case DEPLOYED -> Optional.of(State.SUCCESS);
            case FAILED, REFUSED -> Optional.of(State.FAILURE);
            default -> Optional.empty();
        };
    }

    /** The request that sets {@code state} on {@code commit} for {@code host}. */
    Outgoing request(String commit, String host, State state, String description) {
        if (!commit.matches("[0-9a-f]{40}|[0-9a-f]{64}")) {
            throw new IllegalArgumentException("not a commit id: " + commit);
        }
        String base = api.toString().replaceAll("/+$", "");
        String context = "berth/" + host;
        String text = description.length() > 140 ? description.substring(0, 137) + "..." : description;
        Map<String, Object> body = new LinkedHashMap<>();
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        String path;
        switch (forge) {
            case GITHUB, GITEA -> {
                path = "/repos/" + ownerAndName() + "/statuses/" + commit;
                body.put("state", state.name().toLowerCase());
                body.put("context", context);
                if (forge == Forge.GITHUB) {
                    headers.put("Authorization", "Bearer " + token);
                    headers.put("Accept", "application/vnd.github+json");
                    headers.put("X-GitHub-Api-Version", "2022-11-28");
                } else {
                    headers.put("Authorization", "token " + token);
                }
            }
            case GITLAB -> {
                path = "/projects/" + URLEncoder.encode(repository, StandardCharsets.UTF_8) + "/statuses/" + commit;
                body.put("state", state == State.FAILURE ? "failed" : state.name().toLowerCase());
                body.put("name", context);
                headers.put("PRIVATE-TOKEN", token);
            }
            default -> throw new IllegalStateException(forge.name());
        }
        body.put("description", text);
        return new Outgoing("POST", URI.create(base + path), headers, WebhookDocument.write(body));
    }

    private String ownerAndName() {
        String[] parts = repository.split("/");
        if (parts.length != 2 || parts[0].isEmpty() || parts[1].isEmpty()) {
            throw new IllegalArgumentException("the repository must be OWNER/NAME, not '" + repository + "'");
        }
        return URLEncoder.encode(parts[0], StandardCharsets.UTF_8) + "/" + URLEncoder.encode(parts[1], StandardCharsets.UTF_8);
    }

    /** What {@code list} and errors show: the token redacted. */
    String target() {
        return forge.word() + " " + SecretUrls.redact(api) + " " + repository + " (token ***)";
    }
}
