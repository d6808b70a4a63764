package dev.berth.mcp;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.berth.apply.SyncOutcome;
import dev.berth.json.Json;
import dev.berth.plan.Plan;
import dev.berth.state.UnitFailure;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Turns library values into the JSON objects tools return as structured content. */
final class Results {
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() { };

    private Results() {
    }

    static Map<String, Object> of(Object value) {
        return Json.mapper().convertValue(value, MAP);
    }

    static Object tree(Object value) {
        return Json.mapper().convertValue(value, Object.class);
    }

    static List<Map<String, String>> actions(Plan plan) {
        return plan == null ? List.of() : plan.actions().stream().map(a -> Map.of(
                "type", a.type().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'),
                "subject", a.subject(), "unit", a.unit() == null ? "" : a.unit(), "reason", a.reason())).toList();
    }

    /** A sync, rollback or plan outcome: the same shape for all three. */
    static Map<String, Object> outcome(SyncOutcome o, List<String> steps) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ok", o.ok());
        m.put("commit", o.commit());
        m.put("changed", o.changed());
        m.put("pinned", o.pinned());
        m.put("error", o.report().error());
        m.put("actions", actions(o.plan()));
        m.put("failedUnits", o.report().failedUnits().stream().map(Results::failure).toList());
        m.put("steps", steps);
        return m;
    }

    private static Map<String, Object> failure(UnitFailure f) {
        return of(f);
    }

    static final Map<String, Object> OUTCOME_SCHEMA = JsonSchemas.object(List.of("ok", "actions", "failedUnits", "steps"),
            "ok", JsonSchemas.bool("true when the host reached (or, for a plan, could reach) the commit"),
            "commit", JsonSchemas.nullableString("the commit deployed or planned"),
            "changed", JsonSchemas.bool("true when anything on the host changed"),
            "pinned", JsonSchemas.bool("true while a rollback pins the host to this commit"),
            "error", JsonSchemas.nullableString("what went wrong, or null"),
            "actions", JsonSchemas.arrayOf(JsonSchemas.object(List.of("type", "subject", "reason"),
                    "type", JsonSchemas.string("stop, remove-file, write-file, daemon-reload, start, restart"),
                    "subject", JsonSchemas.string("file target or systemd unit"),
                    "unit", JsonSchemas.string("repository unit file the step is for"),
                    "reason", JsonSchemas.string("why")), "the plan's steps in order"),
            "failedUnits", JsonSchemas.arrayOf(JsonSchemas.anyObject("a unit that did not come up, with its journal"),
                    "units that did not come up"),
            "steps", JsonSchemas.arrayOf(JsonSchemas.string("progress line"), "what Berth did, as the CLI prints it"));
}
