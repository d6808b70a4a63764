package dev.berth.testing;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Draws the values of one try from the run's seeded random source. Bounds are inclusive, as jqwik's were.
 * Like jqwik, it mixes in edge cases: in a random try each number or size is, one time in {@value #EDGE_ONE_IN},
 * one of its bounds (an empty list or string, a list at its largest size, the lowest or highest number).
 */
public final class Draw {

    private static final int EDGE_ONE_IN = 16;
    /** As jqwik: a filter that rejects this many draws in a row is a broken generator, not bad luck. */
    private static final int MAX_MISSES = 10_000;
    private static final byte[] BYTE_EDGES = {0, 1, -1, Byte.MIN_VALUE, Byte.MAX_VALUE};

    /** How a try draws: the smallest input, the largest sizes, or random. */
    enum Mode {
        /** Every number at its minimum, every list, string and array empty (or at its minimum size). */
        SMALLEST,
        /** Every list, string and array at its maximum size, with random elements. */
        LARGEST_SIZES,
        RANDOM;

        static Mode forTry(int index) {
            return switch (index) {
                case 0 -> SMALLEST;
                case 1 -> LARGEST_SIZES;
                default -> RANDOM;
            };
        }
    }

    private final SplittableRandom random;
    private final Mode mode;
    /** How far above its minimum a size goes in this try (but for edge cases): 1, 2, 4 ... 64. */
    private final int sizeSpan;

    Draw(SplittableRandom random, Mode mode) {
        this(random, mode, 1 << random.nextInt(7));
    }

    private Draw(SplittableRandom random, Mode mode, int sizeSpan) {
        this.random = random;
        this.mode = mode;
        this.sizeSpan = sizeSpan;
    }

    /** A number from {@code min} to {@code max}, both included. */
    public int between(int min, int max) {
        if (min > max) {
            throw new IllegalArgumentException("empty range " + min + ".." + max);
        }
        if (mode == Mode.SMALLEST) {
            return min;
        }
        if (random.nextInt(EDGE_ONE_IN) == 0) {
            return random.nextBoolean() ? min : max;
        }
        return (int) random.nextLong(min, (long) max + 1);
    }

    public boolean bool() {
        return between(0, 1) == 1;
    }

    /** One of {@code values}. */
    public <T> T of(List<T> values) {
        return values.get(between(0, values.size() - 1));
    }

    /** True about one time in {@code n} (no edge cases: a weighted choice between generators, as jqwik's frequencyOf). */
    public boolean oneIn(int n) {
        return mode != Mode.SMALLEST && random.nextInt(n) == 0;
    }

    /** A list of up to {@code maxSize} elements. */
    public <T> List<T> list(int maxSize, Function<Draw, T> element) {
        int size = size(0, maxSize);
        List<T> out = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            out.add(element.apply(this));
        }
        return out;
    }

    /** A list of up to {@code maxSize} elements whose keys differ: a repeated key is drawn again, as jqwik's uniqueElements. */
    public <T, K> List<T> uniqueList(int maxSize, Function<Draw, T> element, Function<T, K> key) {
        int size = size(0, maxSize);
        List<T> out = new ArrayList<>(size);
        Set<K> keys = new HashSet<>();
        for (int i = 0; i < size; i++) {
            out.add(filtered(element, e -> !keys.contains(key.apply(e))));
            keys.add(key.apply(out.get(i)));
        }
        return out;
    }

    /**
     * A string of {@code minLength} to {@code maxLength} chars, each one of {@code chars}. Chars, not code points,
     * as jqwik's withChars: a character outside the BMP in {@code chars} gives its two surrogates separately.
     * Its edge cases, as jqwik's, are the shortest and longest strings and the first char alone.
     */
    public String string(String chars, int minLength, int maxLength) {
        if (mode == Mode.RANDOM && minLength <= 1 && maxLength >= 1 && random.nextInt(EDGE_ONE_IN) == 0) {
            return chars.substring(0, 1);
        }
        int length = size(minLength, maxLength);
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append(chars.charAt(between(0, chars.length() - 1)));
        }
        return out.toString();
    }

    /** Up to {@code maxSize} random bytes, with jqwik's byte edge cases (0, 1, -1, the lowest and highest) mixed in. */
    public byte[] bytes(int maxSize) {
        byte[] out = new byte[size(0, maxSize)];
        for (int i = 0; i < out.length; i++) {
            out[i] = random.nextInt(EDGE_ONE_IN) == 0 ? BYTE_EDGES[random.nextInt(BYTE_EDGES.length)] : (byte) random.nextInt(256);
        }
        return out;
    }

    /** A value {@code accept} takes; rejected draws are drawn again at random (the smallest value may be one it rejects). */
    public <T> T filtered(Function<Draw, T> generator, Predicate<T> accept) {
        Draw draw = this;
        for (int miss = 0; miss < MAX_MISSES; miss++) {
            T value = generator.apply(draw);
            if (accept.test(value)) {
                return value;
            }
            draw = new Draw(random, Mode.RANDOM, sizeSpan);
        }
        throw new IllegalStateException("the filter rejected " + MAX_MISSES + " draws in a row");
    }

    private int size(int min, int max) {
        return switch (mode) {
            case SMALLEST -> min;
            case LARGEST_SIZES -> max;
            case RANDOM -> random.nextInt(EDGE_ONE_IN) == 0 ? (random.nextBoolean() ? min : max)
                    : (int) random.nextLong(min, Math.min(max, (long) min + sizeSpan) + 1);
        };
    }
}
