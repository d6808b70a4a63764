package dev.berth.desired;

import dev.berth.fleet.FleetFileReader;
import dev.berth.fleet.HostIdentity;
import dev.berth.fleet.HostSelection;
import dev.berth.fleet.Targeting;
import dev.berth.repo.Problem;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * A loader that hands the deployer only this host's share of the repository: it reads and validates the
 * whole checkout with the loader it wraps, then reads {@code berth.toml} and applies {@link Targeting} for
 * the host identity of the moment (asked anew each time, so {@code berth label set} takes effect at the
 * next sync). Problems of berth.toml or of this host's share are errors: the commit is not applied.
 */
public final class TargetedRepositoryLoader implements RepositoryLoader {

    private final RepositoryLoader inner;
    private final Supplier<HostIdentity> identity;
    /** berth.toml and this host's identity at the last load of a followed checkout */
    private Targets lastTargets;

    private record Targets(FleetFileReader.Result fleet, HostIdentity host) {
    }

    public TargetedRepositoryLoader(RepositoryLoader inner, Supplier<HostIdentity> identity) {
        this.inner = inner;
        this.identity = identity;
    }

    @Override
    public LoadedRepository load(Path checkout, String version) {
        return target(inner.load(checkout, version), FleetFileReader.read(checkout), identity.get());
    }

    /**
     * As {@link #load(Path, String)}; when berth.toml or this host's name or labels changed since the last load,
     * the wrapped loader first forgets its earlier reads. Targeting is applied afresh on every load, so this is
     * not needed for the result to be right: it is the rule that any doubt about the inputs means a full read.
     */
    @Override
    public synchronized LoadedRepository load(Path checkout, CheckoutVersion version, CommitDiff diff) {
        Targets now = new Targets(FleetFileReader.read(checkout), identity.get());
        if (!now.equals(lastTargets)) {
            inner.forgetEarlierReads();
        }
        lastTargets = now;
        return target(inner.load(checkout, version, diff), now.fleet(), now.host());
    }

    @Override
    public synchronized void forgetEarlierReads() {
        lastTargets = null;
        inner.forgetEarlierReads();
    }

    private static LoadedRepository target(LoadedRepository all, FleetFileReader.Result fleet, HostIdentity host) {
        if (!all.errors().isEmpty()) {
            return all;
        }
        List<Problem> problems = new ArrayList<>(all.problems());
        problems.addAll(fleet.problems());
        if (fleet.hasErrors()) {
            return new LoadedRepository(all.desired(), problems);
        }
        HostSelection share = Targeting.select(all.desired(), fleet.file(), host);
        problems.addAll(share.problems());
        return new LoadedRepository(share.desired(), problems);
    }
}
