package dev.berth.state;

/**
 * A unit as Berth last brought it up on this host: recorded only once it was really running
 * (or, for units not started directly, once its files were in place).
 */
public record AppliedUnit(String fileName, String systemdName, String inputDigest, boolean autoStart) {
}
