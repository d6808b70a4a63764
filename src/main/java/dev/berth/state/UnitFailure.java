package dev.berth.state;

import java.util.List;

/** A unit that did not come up during a sync, with the journal lines that say why. */
public record UnitFailure(String unit, String systemdName, String message, List<String> journal) {
}
