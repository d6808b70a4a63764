package dev.berth.validate;

import dev.berth.repo.Problem;
import dev.berth.repo.RepoUnit;
import dev.berth.repo.RepositoryScan;
import dev.berth.unit.Entry;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code [Service] EnvironmentFile=} with a relative path. Unlike quadlet's {@code [Container]
 * EnvironmentFile=}, systemd resolves nothing here: it needs an absolute path and ignores others.
 */
public final class ServiceEnvironmentFileRule implements UnitRule {

    @Override
    public List<Problem> check(ScanContext scan, List<RepoUnit> units) {
        List<Problem> out = new ArrayList<>();
        for (RepoUnit u : units) {
            for (Entry e : u.unit().entries("Service")) {
                String path = e.value().startsWith("-") ? e.value().substring(1) : e.value();
                if (e.key().equals("EnvironmentFile") && !path.isEmpty() && !path.startsWith("/") && !path.startsWith("%")) {
                    String hint = u.name().kind().isQuadlet()
                            ? "use EnvironmentFile= in [" + u.name().kind().mainSection() + "], which quadlet resolves against the unit's folder"
                            : "write an absolute path";
                    out.add(Problem.error(e.file(), e.line(), "[Service] EnvironmentFile=" + e.value()
                            + " is relative, and systemd only accepts absolute paths there: " + hint));
                }
            }
        }
        return out;
    }
}
