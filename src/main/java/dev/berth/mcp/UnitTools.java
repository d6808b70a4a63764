package dev.berth.mcp;

import static dev.berth.mcp.JsonSchemas.arrayOf;
import static dev.berth.mcp.JsonSchemas.anyObject;
import static dev.berth.mcp.JsonSchemas.bool;
import static dev.berth.mcp.JsonSchemas.integer;
import static dev.berth.mcp.JsonSchemas.noArguments;
import static dev.berth.mcp.JsonSchemas.nullableString;
import static dev.berth.mcp.JsonSchemas.object;
import static dev.berth.mcp.JsonSchemas.string;

import dev.berth.host.HostException;
import dev.berth.failure.BerthException;
import dev.berth.failure.FailureKind;
import dev.berth.host.ProcessResult;
import dev.berth.host.UnitStatus;
import dev.berth.state.AppliedState;
import dev.berth.state.AppliedUnit;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Tools over the units Berth manages: list, show, logs, and (with write permission) start, stop, restart. */
final class UnitTools {
    static final int MAX_LOG_LINES = 1000;
    private static final Duration JOB_TIMEOUT = Duration.ofSeconds(90);

    private final McpBackend backend;
    private final ManagedUnits units;

    UnitTools(McpBackend backend) {
        this.backend = backend;
        this.units = new ManagedUnits(backend.store(), backend.layout());
    }

    List<ToolSpec> all() {
        return List.of(list(), show(), logs(), control("unit_start", "Start a unit",
                        "Start a unit Berth manages and wait for it to come up.", Hints.write(false, true, false)),
                control("unit_stop", "Stop a unit", "Stop a unit Berth manages (the next sync starts it again).",
                        Hints.write(true, true, false)),
                control("unit_restart", "Restart a unit", "Restart a unit Berth manages and wait for it to come up.",
                        Hints.write(true, false, false)));
    }

    private static final Map<String, Object> UNIT_ARG = object(List.of("unit"),
            "unit", string("unit file name (web.container) or service name (web.service) of a unit Berth manages"));

    private static final Map<String, Object> STATE_SCHEMA = object(List.of("unit", "systemdName", "activeState"),
            "unit", string("unit file name"), "systemdName", string("systemd unit"),
            "activeState", string("active, failed, inactive, activating..."), "subState", string("running, dead..."),
            "result", string("success, exit-code..."), "loadState", string("loaded, not-found..."));

    private ToolSpec list() {
        return new ToolSpec("unit_list", "List managed units",
                "Every unit Berth manages on this host, with its systemd state.", noArguments(),
                object(List.of("units"), "units", arrayOf(STATE_SCHEMA, "managed units")), Hints.READ, args -> {
                    List<Object> out = new ArrayList<>();
                    for (AppliedUnit u : units.applied().units().values()) {
                        out.add(state(u));
                    }
                    return Map.of("units", out);
                });
    }

    private Map<String, Object> state(AppliedUnit u) {
        UnitStatus s = backend.systemd().status(u.systemdName());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("unit", u.fileName());
        m.put("systemdName", u.systemdName());
        m.put("activeState", nz(s.activeState()));
        m.put("subState", nz(s.subState()));
        m.put("result", nz(s.result()));
        m.put("loadState", nz(s.loadState()));
        return m;
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    private ToolSpec show() {
        return new ToolSpec("unit_show", "Show a unit",
                "A managed unit's file as installed, the service systemd runs for it (for quadlets: the generated one),"
                        + " and its state.", UNIT_ARG,
                object(List.of("state", "autoStart"),
                        "state", STATE_SCHEMA,
                        "autoStart", bool("false when something else (a timer, socket) starts it"),
                        "file", JsonSchemas.objectOrNull("target, path and text of the installed unit file, or null"),
                        "service", nullableString("'systemctl cat' of the systemd unit, or null when systemd does not know it")),
                Hints.READ, args -> {
                    String name = args.name("unit");
                    AppliedState applied = units.applied();
                    AppliedUnit u = ManagedUnits.find(applied, name).orElseThrow(() -> new ToolFailure(
                            "'" + name + "' is not a unit Berth manages on this host; the unit_list tool shows the ones it does"));
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("state", state(u));
                    m.put("autoStart", u.autoStart());
                    m.put("file", units.file(applied, u).map(Results::of).orElse(null));
                    // quadlet's ExecStart= carries --env KEY=VALUE
                    m.put("service", backend.systemd().unitText(u.systemdName()).map(SecretRedaction::unitText).orElse(null));
                    return m;
                });
    }

    private ToolSpec logs() {
        return new ToolSpec("unit_logs", "Unit journal",
                "The last lines of a managed unit's journal (oldest first), to see why it fails.",
                object(List.of("unit"), "unit", string("unit file name or service name of a managed unit"),
                        "lines", integer("how many lines (default 50)", 1, MAX_LOG_LINES)),
                object(List.of("unit", "lines"), "unit", string("systemd unit"),
                        "lines", arrayOf(string("journal line"), "journal lines, oldest first")),
                Hints.READ, args -> {
                    AppliedUnit u = units.require(args.name("unit"));
                    int n = args.integer("lines", 50, 1, MAX_LOG_LINES);
                    return Map.of("unit", u.systemdName(), "lines", backend.systemd().journal(u.systemdName(), n));
                });
    }

    private ToolSpec control(String name, String title, String description, Hints hints) {
        return new ToolSpec(name, title, description, UNIT_ARG,
                object(List.of("state"), "state", STATE_SCHEMA), hints, args -> {
                    AppliedUnit u = units.require(args.name("unit"));
                    try {
                        backend.deployments().exclusive(() -> {
                            switch (name) {
                                case "unit_start" -> backend.systemd().start(u.systemdName(), JOB_TIMEOUT);
                                case "unit_stop" -> backend.systemd().stop(u.systemdName(), JOB_TIMEOUT);
                                default -> backend.systemd().restart(u.systemdName(), JOB_TIMEOUT);
                            }
                            return null;
                        });
                    } catch (Exception e) {
                        if (e instanceof BerthException failure && failure.kind() == FailureKind.HOST) {
                            // systemd did not do it: the unit's journal says why
                            List<String> journal = backend.systemd().journal(u.systemdName(), 20);
                            throw new ToolFailure(e.getMessage() + (journal.isEmpty() ? "" : "\nlast journal lines:\n  "
                                    + String.join("\n  ", journal)), Map.of("state", state(u)));
                        }
                        throw new ToolFailure(String.valueOf(e.getMessage()), e);
                    }
                    return Map.of("state", state(u));
                });
    }
}
