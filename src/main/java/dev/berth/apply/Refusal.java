package dev.berth.apply;

/**
 * A commit Berth would not apply, and why: what a notification tells apart from a deploy that failed on the host.
 *
 * @param kind   which guard refused it
 * @param commit the refused commit (full id)
 * @param reason the message the sync reported
 */
public record Refusal(Kind kind, String commit, String reason) {

    public enum Kind {
        /** not signed by a trusted key */
        SIGNATURE,
        /** does not descend from the deployed commit (force-push) while commits are verified */
        ANCESTRY,
        /** rolled back before: not tried again until a new commit */
        ROLLED_BACK_BEFORE,
        /** its tree has unsafe names or is over Berth's limits */
        LIMITS,
        /** the repository is invalid (validation errors) */
        VALIDATION,
        /** it would take over units the host already has */
        CLASH,
        /** berth.toml asks for another Berth version than the one running ([berth] version) */
        VERSION
    }
}
