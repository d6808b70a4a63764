package dev.berth.state;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.util.List;

/** The state folder's records in their JSON form (see {@link StateForm}): one form per record, members in record order. */
final class StateForms {
    private StateForms() {
    }

    static final StateForm<BerthConfig> CONFIG = new StateForm<>() {
        @Override
        public BerthConfig read(JsonReading r) throws IOException {
            String remote = null, ref = null, path = null, sshKey = null, pinnedCommit = null, pinnedAgainst = null, hostName = null;
            long intervalSeconds = 0;
            java.util.Map<String, String> labels = null;
            while (r.nextMember()) {
                switch (r.name()) {
                    case "remote" -> remote = r.text();
                    case "ref" -> ref = r.text();
                    case "path" -> path = r.text();
                    case "intervalSeconds" -> intervalSeconds = r.number();
                    case "sshKey" -> sshKey = r.text();
                    case "pinnedCommit" -> pinnedCommit = r.text();
                    case "pinnedAgainst" -> pinnedAgainst = r.text();
                    case "hostName" -> hostName = r.text();
                    case "labels" -> labels = r.textMembers();
                    default -> r.skip();
                }
            }
            return new BerthConfig(remote, ref, path, intervalSeconds, sshKey, pinnedCommit, pinnedAgainst, hostName, labels);
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
        public AppliedUnit read(JsonReading r) throws IOException {
            String fileName = null, systemdName = null, inputDigest = null;
            boolean autoStart = false;
            List<String> dependsOn = null;
            while (r.nextMember()) {
                switch (r.name()) {
                    case "fileName" -> fileName = r.text();
                    case "systemdName" -> systemdName = r.text();
                    case "inputDigest" -> inputDigest = r.text();
                    case "autoStart" -> autoStart = r.bool();
                    case "dependsOn" -> dependsOn = r.texts();
                    default -> r.skip();
                }
            }
            return new AppliedUnit(fileName, systemdName, inputDigest, autoStart, dependsOn);
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
        public AppliedState read(JsonReading r) throws IOException {
            String commit = null;
            java.util.Map<String, String> files = null;
            java.util.Map<String, AppliedUnit> units = null;
            while (r.nextMember()) {
                switch (r.name()) {
                    case "commit" -> commit = r.text();
                    case "files" -> files = r.textMembers();
                    case "units" -> units = r.objectMembers(UNIT);
                    default -> r.skip();
                }
            }
            if (files == null || units == null) { // databind refuses these too: the record cannot hold a null map
                throw new IOException("'" + (files == null ? "files" : "units") + "' is missing or null");
            }
            return new AppliedState(commit, files, units);
        }

        @Override
        void write(JsonGenerator g, AppliedState s) throws IOException {
            g.writeStartObject();
            g.writeStringField("commit", s.commit());
            writeTextMembers(g, "files", s.files());
            g.writeObjectFieldStart("units");
            for (var e : s.units().entrySet()) {
                g.writeFieldName(e.getKey());
                UNIT.writeOrNull(g, e.getValue());
            }
            g.writeEndObject();
            g.writeEndObject();
        }
    };

    static final StateForm<SafetySettings> SAFETY = new StateForm<>() {
        @Override
        public SafetySettings read(JsonReading r) throws IOException {
            boolean noRollback = false;
            String allowedSigners = null, trustedKeyring = null;
            List<String> adopted = null;
            while (r.nextMember()) {
                switch (r.name()) {
                    case "noRollback" -> noRollback = r.bool();
                    case "allowedSigners" -> allowedSigners = r.text();
                    case "adopted" -> adopted = r.texts();
                    case "trustedKeyring" -> trustedKeyring = r.text();
                    default -> r.skip();
                }
            }
            return new SafetySettings(noRollback, allowedSigners, adopted, trustedKeyring);
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
        public RejectedCommit read(JsonReading r) throws IOException {
            String commit = null, reason = null;
            long rolledBack = 0;
            while (r.nextMember()) {
                switch (r.name()) {
                    case "commit" -> commit = r.text();
                    case "reason" -> reason = r.text();
                    case "rolledBack" -> rolledBack = r.number();
                    default -> r.skip();
                }
            }
            return new RejectedCommit(commit, reason, rolledBack);
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
        public UnitFailure read(JsonReading r) throws IOException {
            String unit = null, systemdName = null, message = null;
            List<String> journal = null;
            while (r.nextMember()) {
                switch (r.name()) {
                    case "unit" -> unit = r.text();
                    case "systemdName" -> systemdName = r.text();
                    case "message" -> message = r.text();
                    case "journal" -> journal = r.texts();
                    default -> r.skip();
                }
            }
            return new UnitFailure(unit, systemdName, message, journal);
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
        public SyncReport read(JsonReading r) throws IOException {
            long finishedAt = 0;
            SyncResult result = null;
            String commit = null, error = null;
            List<UnitFailure> failedUnits = null;
            List<String> driftRepaired = null;
            while (r.nextMember()) {
                switch (r.name()) {
                    case "finishedAt" -> finishedAt = r.number();
                    case "result" -> result = r.word(SyncResult.values(), SyncResult::word);
                    case "commit" -> commit = r.text();
                    case "error" -> error = r.text();
                    case "failedUnits" -> failedUnits = r.objects(FAILURE);
                    case "driftRepaired" -> driftRepaired = r.texts();
                    default -> r.skip();
                }
            }
            return new SyncReport(finishedAt, result, commit, error, failedUnits, driftRepaired);
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
                FAILURE.writeOrNull(g, f);
            }
            g.writeEndArray();
            writeTexts(g, "driftRepaired", r.driftRepaired());
            g.writeEndObject();
        }
    };

    static final StateForm<Deployment> DEPLOYMENT = new StateForm<>() {
        @Override
        public Deployment read(JsonReading r) throws IOException {
            String commit = null, subject = null, rewoundFrom = null;
            long appliedAt = 0;
            SyncResult result = null;
            DeploymentReason reason = null;
            while (r.nextMember()) {
                switch (r.name()) {
                    case "commit" -> commit = r.text();
                    case "subject" -> subject = r.text();
                    case "appliedAt" -> appliedAt = r.number();
                    case "result" -> result = r.word(SyncResult.values(), SyncResult::word);
                    case "reason" -> reason = r.word(DeploymentReason.values(), DeploymentReason::word);
                    case "rewoundFrom" -> rewoundFrom = r.text();
                    default -> r.skip();
                }
            }
            return new Deployment(commit, subject, appliedAt, result, reason, rewoundFrom);
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
}
