package dev.berth.mcp;

import static dev.berth.mcp.JsonSchemas.arrayOf;
import static dev.berth.mcp.JsonSchemas.anyObject;
import static dev.berth.mcp.JsonSchemas.bool;
import static dev.berth.mcp.JsonSchemas.integer;
import static dev.berth.mcp.JsonSchemas.noArguments;
import static dev.berth.mcp.JsonSchemas.object;
import static dev.berth.mcp.JsonSchemas.string;

import dev.berth.apply.SyncOutcome;
import dev.berth.repo.Problem;
import dev.berth.state.Deployment;
import dev.berth.desired.RepositoryCheck;
import dev.berth.validate.ValidationReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The deployment tools: status, plan, history, validate, sync, rollback. */
final class DeploymentTools {
    private final McpBackend backend;
    private final StatusCache statusCache;

    DeploymentTools(McpBackend backend) {
        this.backend = backend;
        this.statusCache = new StatusCache(() -> Results.of(backend.status().collect()),
                backend.store() == null ? null : backend.store().dir(), StatusCache.TTL, System::nanoTime);
    }

    /** A write tool ran: the next status is collected afresh. */
    void changed() {
        statusCache.invalidate();
    }

    List<ToolSpec> all() {
        return List.of(status(), plan(), history(), validate(), sync(), rollback());
    }

    private ToolSpec status() {
        return new ToolSpec("status", "Deployment status",
                "What this host follows, the deployed and the waiting commit, the last sync's result, every managed unit's"
                        + " state and container health, and files changed on the host behind Berth's back (drift). Does not fetch.",
                noArguments(),
                object(List.of("units", "drift"),
                        "remote", string("the git repository followed (credentials removed)"),
                        "deployed", JsonSchemas.objectOrNull("the deployed commit (id, subject, commitTimeSeconds), or null"),
                        "pending", JsonSchemas.objectOrNull("the fetched commit not deployed yet, or null"),
                        "lastSync", JsonSchemas.objectOrNull("the last sync's report, or null"),
                        "units", arrayOf(anyObject("unit, systemdName, activeState, subState, result, autoStart, health"), "managed units"),
                        "drift", arrayOf(anyObject("target, path, change"), "files changed or deleted on the host"),
                        "rootless", bool("true when Berth manages the user's units"),
                        "mcpServers", arrayOf(anyObject("name, transport, state, error, since, tools, withheld, sessions"),
                                "the MCP servers the repository declares, as Berth's MCP endpoint sees them")),
                Hints.READ, args -> {
                    try {
                        return statusCache.get();
                    } catch (java.io.IOException e) {
                        throw new ToolFailure(e.getMessage(), e);
                    }
                });
    }

    private ToolSpec plan() {
        return new ToolSpec("plan", "Plan the next sync",
                "What the next sync would do and why: fetches the repository, validates the commit, compares it with what is"
                        + " applied. Changes nothing on the host.",
                noArguments(), Results.OUTCOME_SCHEMA, Hints.READ_REMOTE,
                args -> run(steps -> backend.deployments().plan(steps::add)));
    }

    private ToolSpec history() {
        return new ToolSpec("history", "Deployment history",
                "Deployments made on this host, newest first: commit, subject, when, result and why (sync, init, rollback...).",
                object(List.of(), "limit", integer("how many entries (default 20)", 1, 200)),
                object(List.of("deployments"), "deployments", arrayOf(object(List.of("commit", "result"),
                        "commit", string("commit id"), "subject", string("commit subject"),
                        "appliedAt", JsonSchemas.count("epoch milliseconds"),
                        "result", string("ok or failed"), "reason", string("sync, init, switch, rollback")), "newest first")),
                Hints.READ, args -> {
                    int limit = args.integer("limit", 20, 1, 200);
                    try {
                        List<Deployment> all = new ArrayList<>(backend.store().history());
                        Collections.reverse(all);
                        List<Object> out = new ArrayList<>();
                        for (Deployment d : all.subList(0, Math.min(limit, all.size()))) {
                            Map<String, Object> m = Results.of(d);
                            m.replaceAll((k, v) -> v == null ? "" : v);
                            out.add(m);
                        }
                        return Map.of("deployments", out);
                    } catch (java.io.IOException e) {
                        throw new ToolFailure(e.getMessage(), e);
                    }
                });
    }

    private ToolSpec validate() {
        return new ToolSpec("validate", "Validate the repository",
                "Runs Berth's validation (syntax, references, supporting files, berth.toml targeting, quadlet dry run) on the deployed commit"
                        + " (which=deployed) or on the branch's latest commit (which=next, the default: fetches first).",
                object(List.of(), "which", Map.of("type", "string", "enum", List.of("next", "deployed"),
                        "description", "next (fetch and check the latest commit) or deployed")),
                object(List.of("valid", "units", "errors", "warnings", "problems"),
                        "valid", bool("false when there are errors"),
                        "units", JsonSchemas.count("units found"),
                        "errors", JsonSchemas.count("error count"),
                        "warnings", JsonSchemas.count("warning count"),
                        "problems", arrayOf(object(List.of("severity", "file", "line", "message"),
                                "severity", string("error or warning"), "file", string("file in the repository"),
                                "line", JsonSchemas.count("line (0 = whole file)"),
                                "message", string("what is wrong and what to do")), "problems found")),
                Hints.READ_REMOTE, args -> {
                    String which = args.optionalString("which");
                    Path dir;
                    if (which == null || which.equals("next")) {
                        dir = backend.store().checkoutsDir().resolve("preview");
                        dev.berth.apply.SyncOutcome next;
                        try {
                            // an earlier plan's preview must not pass for this one's (a failed fetch exports nothing)
                            dev.berth.host.FileTrees.deleteRecursively(dir);
                            next = backend.deployments().plan(message -> { });
                        } catch (Exception e) {
                            throw new ToolFailure("cannot fetch the latest commit: " + e.getMessage(), e);
                        }
                        // without a preview, or with one of the deployed commit because the latest was refused (a
                        // crafted tree, an unsigned commit), there is nothing of the latest commit to validate
                        if (!next.ok() && (next.checkout() != null || !Files.isDirectory(dir))) {
                            throw new ToolFailure(next.report().error());
                        }
                    } else if (which.equals("deployed")) {
                        dir = backend.store().checkoutsDir().resolve("current");
                    } else {
                        throw new ToolFailure("argument 'which' must be 'next' or 'deployed', got '" + which + "'");
                    }
                    if (!Files.isDirectory(dir)) {
                        throw new ToolFailure("no " + (which == null ? "next" : which) + " checkout at " + dir
                                + ": run the sync tool (or 'berth sync') first");
                    }
                    // the same checks as 'berth validate', berth.toml's targeting included
                    ValidationReport report = RepositoryCheck.forThisHost(java.util.Optional.empty()).check(dir);
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("valid", !report.hasErrors());
                    m.put("units", report.unitCount());
                    m.put("errors", report.errorCount());
                    m.put("warnings", report.warningCount());
                    m.put("problems", report.problems().stream().map(DeploymentTools::problem).toList());
                    return m;
                });
    }

    private static Map<String, Object> problem(Problem p) {
        return Map.of("severity", p.severity().name().toLowerCase(Locale.ROOT), "file", p.file(), "line", p.line(),
                "message", p.message());
    }

    private ToolSpec sync() {
        return new ToolSpec("sync", "Sync now",
                "Fetch the repository and bring the host to its latest commit, exactly as 'berth sync' does: only what changed"
                        + " is touched; removed units are stopped. resume=true lifts a rollback pin.",
                object(List.of(), "resume", bool("lift a rollback pin and follow the branch again")),
                Results.OUTCOME_SCHEMA, Hints.write(true, true, true),
                args -> {
                    boolean resume = args.bool("resume", false);
                    return run(steps -> backend.deployments().sync(resume, steps::add));
                });
    }

    private ToolSpec rollback() {
        return new ToolSpec("rollback", "Roll back",
                "Go back to an earlier commit (default: the previous successful deployment), as 'berth rollback' does. The host"
                        + " stays pinned there until a new commit arrives or sync with resume=true.",
                object(List.of(), "commit", string("commit id or prefix to go back to (default: the previous good one)")),
                Results.OUTCOME_SCHEMA, Hints.write(true, false, true),
                args -> {
                    String commit = args.optionalString("commit");
                    if (commit != null && !commit.matches("[0-9a-fA-F]{4,40}")) {
                        throw new ToolFailure("argument 'commit' must be a commit id or prefix (4 to 40 hex digits), got '"
                                + commit + "'");
                    }
                    return run(steps -> backend.deployments().rollback(commit, steps::add));
                });
    }

    private interface Flow {
        SyncOutcome run(List<String> steps) throws Exception;
    }

    /** A failed sync is a tool result with isError: the steps and the failed units' journals say why. */
    private static Map<String, Object> run(Flow flow) throws ToolFailure {
        List<String> steps = Collections.synchronizedList(new ArrayList<>());
        SyncOutcome outcome;
        try {
            outcome = flow.run(steps);
        } catch (Exception e) {
            throw new ToolFailure(e.getMessage() == null ? e.toString() : e.getMessage(), e);
        }
        Map<String, Object> result = Results.outcome(outcome, List.copyOf(steps));
        if (!outcome.ok()) {
            throw new ToolFailure(outcome.report().error(), result);
        }
        return result;
    }
}
