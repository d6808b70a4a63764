package dev.berth.state;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Why a deployment happened: the command or trigger that ran the sync, as {@code berth history} shows it.
 * The state files hold the word of each ({@code "init"}, {@code "control socket"}, ...), as every Berth
 * before this type wrote them.
 */
public enum DeploymentReason {
    /** {@code berth init} */
    INIT("init"),
    /** {@code berth sync} */
    SYNC("sync"),
    /** {@code berth switch}: another repository, so never a rewind */
    SWITCH("switch"),
    /** {@code berth rollback}: a commit named by the user, so never a rewind */
    ROLLBACK("rollback"),
    /** the return to the last good commit after a commit did not come up */
    AUTO_ROLLBACK("auto-rollback"),
    /**
     * A commit that does not descend from the deployed one, deployed without commit verification: the followed
     * ref was moved back or rewritten. Recorded as such, never as an ordinary sync.
     */
    REWIND("rewind"),
    /** {@code berth sync --dry-run} (never recorded) */
    DRY_RUN("dry-run"),
    /** {@code berth plan} (never recorded) */
    PLAN("plan"),
    /** the daemon's first sync */
    START("start"),
    /** the daemon's periodic sync */
    INTERVAL("interval"),
    /** a SIGHUP to the daemon */
    SIGHUP("SIGHUP"),
    /** {@code berth sync} handed to the running daemon */
    CONTROL_SOCKET("control socket"),
    /** the MCP {@code sync} tool */
    MCP("mcp"),
    /** the MCP {@code plan} tool (never recorded) */
    MCP_PLAN("mcp plan"),
    /** the web console's Sync button */
    CONSOLE("console"),
    /** the web console's pending-change page (never recorded) */
    CONSOLE_PLAN("console plan"),
    /** a signed push from the forge, for the followed ref ({@code /hooks/...}) */
    WEBHOOK("webhook");

    private final String word;

    DeploymentReason(String word) {
        this.word = word;
    }

    /** The word recorded in {@code history.json} and shown by {@code berth history} and the daemon's log. */
    @JsonValue
    public String word() {
        return word;
    }

    @Override
    public String toString() {
        return word;
    }
}
