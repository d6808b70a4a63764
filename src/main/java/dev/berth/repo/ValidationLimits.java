package dev.berth.repo;

/**
 * Size limits that keep a repository from making Berth read huge files into memory.
 *
 * @param maxUnitBytes       largest unit file or drop-in (they are read whole and parsed)
 * @param maxSupportingBytes largest supporting file (only hashed, streamed)
 */
public record ValidationLimits(long maxUnitBytes, long maxSupportingBytes) {

    public static final ValidationLimits DEFAULTS = new ValidationLimits(1L << 20, 64L << 20);

    public ValidationLimits {
        if (maxUnitBytes <= 0 || maxSupportingBytes <= 0) {
            throw new IllegalArgumentException("limits must be positive");
        }
    }
}
