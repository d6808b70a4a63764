package dev.berth.repo;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * systemd time spans (systemd.time(7)): {@code 30}, {@code 30s}, {@code 2min}, {@code 1h 30min},
 * {@code 500ms}. A number without a unit means seconds, as in systemd.
 */
public final class TimeSpan {

    private static final Pattern PART = Pattern.compile("\\s*(\\d+(?:\\.\\d+)?)\\s*([a-zA-Zµ]*)");
    private static final long US = 1, MS = 1_000, SEC = 1_000_000, MIN = 60 * SEC, HOUR = 60 * MIN, DAY = 24 * HOUR;
    private static final Map<String, Long> UNITS = Map.ofEntries(
            Map.entry("us", US), Map.entry("usec", US), Map.entry("µs", US),
            Map.entry("ms", MS), Map.entry("msec", MS),
            Map.entry("", SEC), Map.entry("s", SEC), Map.entry("sec", SEC), Map.entry("second", SEC), Map.entry("seconds", SEC),
            Map.entry("m", MIN), Map.entry("min", MIN), Map.entry("minute", MIN), Map.entry("minutes", MIN),
            Map.entry("h", HOUR), Map.entry("hr", HOUR), Map.entry("hour", HOUR), Map.entry("hours", HOUR),
            Map.entry("d", DAY), Map.entry("day", DAY), Map.entry("days", DAY),
            Map.entry("w", 7 * DAY), Map.entry("week", 7 * DAY), Map.entry("weeks", 7 * DAY));

    private TimeSpan() {
    }

    /** The duration, or empty when the text is not a time span. */
    public static Optional<Duration> parse(String text) {
        String s = text.strip();
        if (s.isEmpty()) {
            return Optional.empty();
        }
        Matcher m = PART.matcher(s);
        double micros = 0;
        int end = 0;
        while (end < s.length()) {
            if (!m.find(end) || m.start() != end) {
                return Optional.empty();
            }
            Long unit = UNITS.get(m.group(2));
            if (unit == null) {
                return Optional.empty();
            }
            micros += Double.parseDouble(m.group(1)) * unit;
            end = m.end();
        }
        if (micros > Long.MAX_VALUE / 2_000) {
            return Optional.empty();
        }
        return Optional.of(Duration.ofNanos(Math.round(micros * 1_000)));
    }
}
