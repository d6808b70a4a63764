package dev.berth.console;

import dev.berth.status.UnitState;
import java.util.List;

/** How a unit (or the host, the worst of its units) runs. */
enum Health {
    HEALTHY("Healthy"),
    /** not running although it should (inactive, or unknown to systemd) */
    MISSING("Missing"),
    /** failed, unhealthy by its container's health check, or stuck between states */
    DEGRADED("Degraded");

    private final String label;

    Health(String label) {
        this.label = label;
    }

    String label() {
        return label;
    }

    static Health of(UnitState u) {
        String active = u.activeState() == null ? "" : u.activeState();
        if (active.equals("failed") || "unhealthy".equals(u.health())) {
            return DEGRADED;
        }
        if (active.equals("active")) {
            return HEALTHY;
        }
        if (active.equals("inactive") && !u.autoStart()) {
            return HEALTHY; // started by a timer or socket: idle between runs is normal
        }
        if (active.equals("activating") || active.equals("deactivating") || active.equals("reloading")) {
            return DEGRADED;
        }
        return MISSING;
    }

    /** Degraded if any unit is, else Missing if any unit is, else Healthy (also with no unit). */
    static Health ofHost(List<UnitState> units) {
        Health worst = HEALTHY;
        for (UnitState u : units) {
            Health h = of(u);
            if (h == DEGRADED) {
                return DEGRADED;
            }
            if (h == MISSING) {
                worst = MISSING;
            }
        }
        return worst;
    }
}
