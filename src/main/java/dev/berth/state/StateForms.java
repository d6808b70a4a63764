package dev.berth.state;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.util.function.Function;

/** The state folder's records in their JSON form (see {@link StateForm}): one form per record, members in record order. */
final class StateForms {
    private StateForms() {
    }

    static final StateForm<BerthConfig> CONFIG = new StateForm<>() {
        @Override
        BerthConfig read(JsonMembers m) throws IOException {
            return new BerthConfig(m.text("remote"), m.text("ref"), m.text("path"), m.number("intervalSeconds"),
                    m.text("sshKey"), m.text("pinnedCommit"), m.text("pinnedAgainst"), m.text("hostName"),
                    m.textMembers("labels"));
        }

        @Override
        void write(JsonGenerator g, BerthConfig c) throws IOException {
            g.writeStartObject();
            g.writeStringField("remote", c.remote());
            g.writeStringField("ref", c.ref());
            g.writeStringField("path", c.path());
            g.writeNumberField("intervalSeconds", c.intervalSeconds());
            g.writeStringField("sshKey", c.sshKey());
            g.writeStringField("pinnedCommit", c.pinnedCommit());
            g.writeStringField("pinnedAgainst", c.pinnedAgainst());
            g.writeStringField("hostName", c.hostName());
            writeTextMembers(g, "labels", c.labels());
            g.writeEndObject();
        }
    };

    static final StateForm<AppliedUnit> UNIT = new StateForm<>() {
        @Override
        AppliedUnit read(JsonMembers m) throws IOException {
            return new AppliedUnit(m.text("fileName"), m.text("systemdName"), m.text("inputDigest"), m.bool("autoStart"),
                    m.texts("dependsOn"));
        }

        @Override
        void write(JsonGenerator g, AppliedUnit u) throws IOException {
            g.writeStartObject();
            g.writeStringField("fileName", u.fileName());
            g.writeStringField("systemdName", u.systemdName());
            g.writeStringField("inputDigest", u.inputDigest());
            g.writeBooleanField("autoStart", u.autoStart());
            writeTexts(g, "dependsOn", u.dependsOn());
            g.writeEndObject();
        }
    };

    static final StateForm<AppliedState> APPLIED = new StateForm<>() {
        @Override
        AppliedState read(JsonMembers m) throws IOException {
            return new AppliedState(m.text("commit"), m.textMembers("files"), each(m.objectMembers("units"), UNIT));
        }

        @Override
        void write(JsonGenerator g, AppliedState s) throws IOException {
            g.writeStartObject();
            g.writeStringField("commit", s.commit());
            writeTextMembers(g, "files", s.files());
            g.writeObjectFieldStart("units");
            for (var e : s.units().entrySet()) {
                g.writeFieldName(e.getKey());
                if (e.getValue() == null) {
                    g.writeNull();
                } else {
                    UNIT.write(g, e.getValue());
                }
            }
            g.writeEndObject();
            g.writeEndObject();
        }
    };

    static final StateForm<SafetySettings> SAFETY = new StateForm<>() {
        @Override
        SafetySettings read(JsonMembers m) throws IOException {
            return new SafetySettings(m.bool("noRollback"), m.text("allowedSigners"), m.texts("adopted"),
                    m.text("trustedKeyring"));
        }

        @Override
        void write(JsonGenerator g, SafetySettings s) throws IOException {
            g.writeStartObject();
            g.writeBooleanField("noRollback", s.noRollback());
            g.writeStringField("allowedSigners", s.allowedSigners());
            writeTexts(g, "adopted", s.adopted());
            g.writeStringField("trustedKeyring", s.trustedKeyring());
            g.writeEndObject();
        }
    };

    static final StateForm<RejectedCommit> REJECTED = new StateForm<>() {
        @Override
        RejectedCommit read(JsonMembers m) throws IOException {
            return new RejectedCommit(m.text("commit"), m.text("reason"), m.number("rolledBack"));
        }

        @Override
        void write(JsonGenerator g, RejectedCommit r) throws IOException {
            g.writeStartObject();
            g.writeStringField("commit", r.commit());
            g.writeStringField("reason", r.reason());
            g.writeNumberField("rolledBack", r.rolledBack());
            g.writeEndObject();
        }
    };

    static final StateForm<UnitFailure> FAILURE = new StateForm<>() {
        @Override
        UnitFailure read(JsonMembers m) throws IOException {
            return new UnitFailure(m.text("unit"), m.text("systemdName"), m.text("message"), m.texts("journal"));
        }

        @Override
        void write(JsonGenerator g, UnitFailure f) throws IOException {
            g.writeStartObject();
            g.writeStringField("unit", f.unit());
            g.writeStringField("systemdName", f.systemdName());
            g.writeStringField("message", f.message());
            writeTexts(g, "journal", f.journal());
            g.writeEndObject();
        }
    };

    static final StateForm<SyncReport> LAST_SYNC = new StateForm<>() {
        @Override
        SyncReport read(JsonMembers m) throws IOException {
            return new SyncReport(m.number("finishedAt"), word(m, "result", SyncResult.values(), SyncResult::word),
                    m.text("commit"), m.text("error"), each(m.objects("failedUnits"), FAILURE), m.texts("driftRepaired"));
        }

        @Override
        void write(JsonGenerator g, SyncReport r) throws IOException {
            g.writeStartObject();
            g.writeNumberField("finishedAt", r.finishedAt());
            g.writeStringField("result", r.result() == null ? null : r.result().word());
            g.writeStringField("commit", r.commit());
            g.writeStringField("error", r.error());
            g.writeArrayFieldStart("failedUnits");
            for (UnitFailure f : r.failedUnits()) {
                if (f == null) {
                    g.writeNull();
                } else {
                    FAILURE.write(g, f);
                }
            }
            g.writeEndArray();
            writeTexts(g, "driftRepaired", r.driftRepaired());
            g.writeEndObject();
        }
    };

    static final StateForm<Deployment> DEPLOYMENT = new StateForm<>() {
        @Override
        Deployment read(JsonMembers m) throws IOException {
            return new Deployment(m.text("commit"), m.text("subject"), m.number("appliedAt"),
                    word(m, "result", SyncResult.values(), SyncResult::word),
                    word(m, "reason", DeploymentReason.values(), DeploymentReason::word), m.text("rewoundFrom"));
        }

        @Override
        void write(JsonGenerator g, Deployment d) throws IOException {
            g.writeStartObject();
            g.writeStringField("commit", d.commit());
            g.writeStringField("subject", d.subject());
            g.writeNumberField("appliedAt", d.appliedAt());
            g.writeStringField("result", d.result() == null ? null : d.result().word());
            g.writeStringField("reason", d.reason() == null ? null : d.reason().word());
            if (d.rewoundFrom() != null) { // @JsonInclude(NON_NULL) on the record: absent, not null
                g.writeStringField("rewoundFrom", d.rewoundFrom());
            }
            g.writeEndObject();
        }
    };

    /**
     * The enum constant whose word a member holds; null when missing or null; any other word is an error. A whole
     * number is the constant's position, as databind reads it.
     */
    private static <E extends Enum<E>> E word(JsonMembers m, String name, E[] values, Function<E, String> word)
            throws IOException {
        Long index = m.wholeNumber(name);
        if (index != null) {
            if (index < 0 || index >= values.length) {
                throw new IOException("'" + name + "' is " + index + ", which is no " + values[0].getDeclaringClass().getSimpleName());
            }
            return values[index.intValue()];
        }
        String text = m.text(name);
        if (text == null) {
            return null;
        }
        for (E v : values) {
            if (word.apply(v).equals(text)) {
                return v;
            }
        }
        throw new IOException("'" + name + "' is \"" + text + "\", which this Berth does not know");
    }
}
