package dev.berth.testing;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.SplittableRandom;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;

/**
 * Runs a property over seeded random inputs with plain JUnit 5: the test calls {@link #check} from an
 * ordinary {@code @Test}. Try 0 draws the smallest input (every collection and string empty, every number
 * at its minimum), try 1 draws every collection and string at its largest, the rest are random with
 * boundary values mixed in (see {@link Draw}).
 *
 * <p>The seed is random on each run, so every run explores new inputs; {@code -Dberth.seed=<n>} fixes it.
 * There is no shrinking: in its place a failure names the seed, the try and the failing input, and
 * re-running with that seed draws exactly the same inputs, so the failure replays.
 */
public final class Seeded {

    /** The system property that fixes the seed, to replay a failure. */
    public static final String SEED_PROPERTY = "berth.seed";

    private Seeded() {
    }

    /** A property of one input; it fails by throwing (an AssertJ assertion, or any exception). */
    @FunctionalInterface
    public interface Property<T> {
        void check(T input) throws Exception;
    }

    /** Checks {@code property} on {@code tries} inputs drawn by {@code inputs}, with the seed the run is given. */
    public static <T> void check(int tries, Function<Draw, T> inputs, Property<T> property) {
        check(seed(), tries, inputs, property);
    }

    /** As {@link #check(int, Function, Property)} with the given seed; the same seed draws the same inputs. */
    public static <T> void check(long seed, int tries, Function<Draw, T> inputs, Property<T> property) {
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < tries; i++) {
            T input = inputs.apply(new Draw(random, Draw.Mode.forTry(i)));
            try {
                property.check(input);
            } catch (Throwable failure) {
                throw new AssertionError("property failed at try " + (i + 1) + " of " + tries + " with seed " + seed
                        + " (replay with -D" + SEED_PROPERTY + "=" + seed + ")\ninput: " + describe(input), failure);
            }
        }
    }

    private static long seed() {
        String fixed = System.getProperty(SEED_PROPERTY);
        return fixed == null || fixed.isBlank() ? ThreadLocalRandom.current().nextLong() : Long.parseLong(fixed.strip());
    }

    /** The input on one line, invisible characters escaped: strings quoted, byte arrays as by {@link #text(byte[])}. */
    static String describe(Object input) {
        return escape(switch (input) {
            case byte[] bytes -> text(bytes);
            case String s -> "\"" + s + "\"";
            case null, default -> String.valueOf(input);
        });
    }

    /**
     * Bytes as quoted text when they decode as UTF-8, else as hex: for a record's {@code toString}, so a
     * failing input that holds bytes prints readably (the failure message escapes what is invisible).
     */
    public static String text(byte[] bytes) {
        try {
            return "\"" + StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)) + "\"";
        } catch (CharacterCodingException notText) {
            return "hex:" + HexFormat.of().formatHex(bytes);
        }
    }

    private static String escape(String text) {
        StringBuilder out = new StringBuilder();
        text.chars().forEach(c -> {
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c != ' ' && (Character.isISOControl(c) || Character.isWhitespace(c) || Character.isSpaceChar(c)
                            || Character.getType(c) == Character.FORMAT || Character.isSurrogate((char) c))) {
                        out.append(String.format("\\u%04X", c));
                    } else {
                        out.append((char) c);
                    }
                }
            }
        });
        return out.toString();
    }
}
