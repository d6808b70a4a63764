package dev.berth.mcp;

import dev.berth.apply.SyncOutcome;
import dev.berth.host.UnitStatus;
import dev.berth.plan.Action;
import dev.berth.state.AppliedUnit;
import io.modelcontextprotocol.server.McpServerFeatures.SyncPromptSpecification;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.List;

/** Prompts that bring the facts with them: why a unit fails, and what the next sync will change. */
final class BerthPrompts {
    private final McpBackend backend;
    private final ManagedUnits units;

    BerthPrompts(McpBackend backend) {
        this.backend = backend;
        this.units = new ManagedUnits(backend.store(), backend.layout());
    }

    SyncPromptSpecification whyFailing() {
        McpSchema.Prompt p = new McpSchema.Prompt("why_failing", "Why is this unit failing?",
                "Diagnose a managed unit: its state, its unit file and its recent journal",
                List.of(new McpSchema.PromptArgument("unit", "unit file name or service name (web.container, web.service)", true)));
        return new SyncPromptSpecification(p, (exchange, request) -> {
            Object arg = request.arguments() == null ? null : request.arguments().get("unit");
            String name = arg == null ? "" : arg.toString();
            try {
                AppliedUnit u = units.require(name);
                UnitStatus s = backend.systemd().status(u.systemdName());
                String file = units.file(units.applied(), u).map(ManagedUnits.InstalledText::text).orElse("(file not found)");
                String text = "The unit " + u.systemdName() + " (from " + u.fileName() + ", deployed by Berth from git) is "
                        + s.activeState() + "/" + s.subState() + " (result " + s.result() + ").\n\nIts unit file:\n```\n" + file
                        + "```\n\nIts last journal lines:\n```\n" + String.join("\n", backend.systemd().journal(u.systemdName(), 40))
                        + "\n```\n\nExplain why it is failing and what change to the repository would fix it."
                        + " Use the unit_show, unit_logs and container_* tools if you need more.";
                return new McpSchema.GetPromptResult("why " + u.systemdName() + " is failing",
                        List.of(new McpSchema.PromptMessage(McpSchema.Role.USER, new McpSchema.TextContent(text))));
            } catch (ToolFailure e) {
                throw McpError.builder(McpSchema.ErrorCodes.INVALID_PARAMS).message(e.getMessage()).build();
            }
        });
    }

    SyncPromptSpecification nextSync() {
        McpSchema.Prompt p = new McpSchema.Prompt("next_sync", "What will the next sync change?",
                "Fetch the repository, plan the next sync and ask for an explanation of its effect", List.of());
        return new SyncPromptSpecification(p, (exchange, request) -> {
            StringBuilder text = new StringBuilder();
            try {
                SyncOutcome o = backend.deployments().plan(message -> { });
                if (o.plan() == null) {
                    text.append("Planning the next sync failed: ").append(o.report().error()).append('\n');
                } else if (o.plan().isEmpty()) {
                    text.append("The next sync would change nothing: the host matches commit ").append(o.commit()).append(".\n");
                } else {
                    text.append("The next sync would deploy commit ").append(o.commit()).append(" with these steps:\n");
                    for (Action a : o.plan().actions()) {
                        text.append("- ").append(a).append('\n');
                    }
                }
            } catch (Exception e) {
                text.append("Planning the next sync failed: ").append(e.getMessage()).append('\n');
            }
            text.append("\nExplain in plain words what will change on this host, which services will restart or stop,"
                    + " and any risk worth checking before syncing.");
            return new McpSchema.GetPromptResult("what the next sync will change",
                    List.of(new McpSchema.PromptMessage(McpSchema.Role.USER, new McpSchema.TextContent(text.toString()))));
        });
    }
}
