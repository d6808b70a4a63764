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

    public TargetedRepositoryLoader(RepositoryLoader inner, Supplier<HostIdentity> identity) {
        this.inner = inner;
        this.identity = identity;
    }

    @Override
    public LoadedRepository load(Path checkout, String version) {
        LoadedRepository all = inner.load(checkout, version);
        if (!all.errors().isEmpty()) {
            return all;
        }
        FleetFileReader.Result fleet = FleetFileReader.read(checkout);
        List<Problem> problems = new ArrayList<>(all.problems());
        problems.addAll(fleet.problems());
        if (fleet.hasErrors()) {
            return new LoadedRepository(all.desired(), problems);
        }
        HostSelection share = Targeting.select(all.desired(), fleet.file(), identity.get());
        problems.addAll(share.problems());
        return new LoadedRepository(share.desired(), problems);
    }
}
