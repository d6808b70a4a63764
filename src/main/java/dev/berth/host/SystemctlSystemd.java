package dev.berth.host;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Talks to systemd through {@code systemctl}: a blocking {@code systemctl start} returns only when the
 * start job has finished and fails when the job fails, which is exactly the result an apply needs.
 */
public final class SystemctlSystemd implements Systemd {
    private static final Duration QUICK = Duration.ofSeconds(30);

    private final ProcessRunner runner;
    private final boolean user;

    public SystemctlSystemd(ProcessRunner runner, boolean user) {
        this.runner = runner;
        this.user = user;
    }

    private List<String> systemctl(String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add("systemctl");
        if (user) {
            cmd.add("--user");
        }
        cmd.addAll(Arrays.asList(args));
        return cmd;
    }

    /**
     * {@code systemctl VERB [OPTIONS] -- UNIT}: after {@code --} a unit name is never read as an option, so a
     * name such as {@code -Hevil.service} cannot turn into {@code -H evil.service} (talk to another host).
     */
    private List<String> onUnit(String verb, String unit, String... options) {
        List<String> cmd = systemctl(verb);
        cmd.addAll(Arrays.asList(options));
        cmd.add("--");
        cmd.add(unit);
        return cmd;
    }

    @Override
    public void daemonReload() throws HostException {
        ProcessResult r = runner.run(systemctl("daemon-reload"), Duration.ofSeconds(90));
        if (!r.ok()) {
            throw new HostException("systemctl daemon-reload failed: " + r.message());
        }
    }

    @Override
    public void start(String unit, Duration timeout) throws HostException {
        job("start", unit, timeout);
    }

    @Override
    public void restart(String unit, Duration timeout) throws HostException {
        job("restart", unit, timeout);
    }

    @Override
    public void stop(String unit, Duration timeout) throws HostException {
        job("stop", unit, timeout);
    }

    @Override
    public void enable(String unit) throws HostException {
        ProcessResult r = runner.run(onUnit("enable", unit), QUICK);
        if (!r.ok()) {
            throw new HostException("systemctl enable " + unit + " failed: " + r.message());
        }
    }

    @Override
    public void disable(String unit) {
        runner.run(onUnit("disable", unit), QUICK);
    }

    @Override
    public void resetFailed(String unit) {
        runner.run(onUnit("reset-failed", unit), QUICK);
    }

    @Override
    public void restartNoBlock(String unit) {
        runner.run(onUnit("restart", unit, "--no-block"), QUICK);
    }

    @Override
    public void stopNoBlock(String unit) {
        runner.run(onUnit("stop", unit, "--no-block"), QUICK);
    }

    /** Every kind of dependency through which systemd carries a unit's stop (and restart) to other units. */
    private static final String STOP_REACHES = "--property=RequiredBy,RequisiteOf,BoundBy,ConsistsOf,PropagatesStopTo";

    @Override
    public java.util.Set<String> stopReachesNoOther(List<String> units) {
        if (units.isEmpty()) {
            return java.util.Set.of();
        }
        java.util.Optional<List<String>> blocks = showEach(STOP_REACHES, units);
        if (blocks.isEmpty()) {
            return java.util.Set.of(); // cannot tell which block is whose: no unit is known to be alone
        }
        java.util.Set<String> alone = new java.util.LinkedHashSet<>();
        for (int i = 0; i < units.size(); i++) {
            if (blocks.get().get(i).lines().allMatch(l -> l.indexOf('=') == l.length() - 1)) { // every list empty: "Name="
                alone.add(units.get(i));
            }
        }
        return alone;
    }

    @Override
    public Map<String, Long> mainPids(List<String> units) {
        Map<String, Long> out = new LinkedHashMap<>();
        java.util.Optional<List<String>> blocks = units.isEmpty() ? java.util.Optional.empty() : showEach("--property=MainPID", units);
        for (int i = 0; blocks.isPresent() && i < units.size(); i++) {
            String v = blocks.get().get(i).strip();
            if (v.startsWith("MainPID=") && v.length() > "MainPID=".length() && v.substring(8).chars().allMatch(Character::isDigit)
                    && !v.equals("MainPID=0")) {
                out.put(units.get(i), Long.parseLong(v.substring(8)));
            }
        }
        return out;
    }

    /**
     * One {@code systemctl show} of {@code properties} for all {@code units}: it prints one block of properties per
     * unit, in the order asked, blank-line separated. Empty when it failed or the blocks cannot be paired with the
     * units (a name systemctl refused).
     */
    private java.util.Optional<List<String>> showEach(String properties, List<String> units) {
        List<String> cmd = systemctl("show", properties, "--");
        cmd.addAll(units);
        ProcessResult r = runner.run(cmd, QUICK);
        String[] blocks = r.stdout().strip().split("\n\n");
        if (!r.ok() || blocks.length != units.size()) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(List.of(blocks));
    }

    private void job(String verb, String unit, Duration timeout) throws HostException {
        ProcessResult r = runner.run(onUnit(verb, unit), timeout);
        if (r.timedOut()) {
            throw new HostException(verb + " " + unit + " did not finish within " + timeout.toSeconds() + " s");
        }
        if (!r.ok()) {
            throw new HostException(verb + " " + unit + " failed: " + r.message());
        }
    }

    private static final String STATE_PROPERTIES = "--property=ActiveState,SubState,Result,LoadState,InvocationID";

    @Override
    public UnitStatus status(String unit) {
        ProcessResult r = runner.run(onUnit("show", unit, STATE_PROPERTIES), QUICK);
        return r.ok() ? parseStatus(r.stdout()) : UnitStatus.UNKNOWN;
    }

    /** One {@code systemctl show} for all ({@link #showEach}). */
    @Override
    public Map<String, UnitStatus> statuses(List<String> units) {
        if (units.size() < 2) {
            return Systemd.super.statuses(units);
        }
        java.util.Optional<List<String>> blocks = showEach(STATE_PROPERTIES, units);
        if (blocks.isEmpty()) {
            return Systemd.super.statuses(units); // a name systemctl refused: ask one by one, each answer on its own
        }
        Map<String, UnitStatus> out = new LinkedHashMap<>();
        for (int i = 0; i < units.size(); i++) {
            out.put(units.get(i), parseStatus(blocks.get().get(i)));
        }
        return out;
    }

    private static UnitStatus parseStatus(String properties) {
        String active = "unknown", sub = "unknown", result = "unknown", load = "unknown", invocation = "";
        for (String line : properties.split("\n")) {
            int eq = line.indexOf('=');
            if (eq < 0) {
                continue;
            }
            String v = line.substring(eq + 1).strip();
            switch (line.substring(0, eq)) {
                case "ActiveState" -> active = v;
                case "SubState" -> sub = v;
                case "Result" -> result = v;
                case "LoadState" -> load = v;
                case "InvocationID" -> invocation = v;
                default -> { }
            }
        }
        return new UnitStatus(active, sub, result, load, invocation);
    }

    @Override
    public Optional<String> unitText(String unit) {
        ProcessResult r = runner.run(onUnit("cat", unit, "--no-pager"), Duration.ofSeconds(15));
        return r.ok() ? Optional.of(r.stdout()) : Optional.empty();
    }

    @Override
    public List<String> journal(String unit, int lines) {
        List<String> cmd = new ArrayList<>(List.of("journalctl"));
        if (user) {
            cmd.add("--user");
        }
        cmd.addAll(List.of("--unit=" + unit, "-n", Integer.toString(lines), "--no-pager", "-o", "short-iso")); // the name as the option's value, never an option
        ProcessResult r = runner.run(cmd, QUICK);
        if (!r.ok()) {
            return List.of();
        }
        return r.stdout().lines().filter(l -> !l.startsWith("-- ")).toList();
    }
}
