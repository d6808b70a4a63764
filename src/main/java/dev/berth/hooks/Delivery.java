package dev.berth.hooks;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One request to {@code /hooks/FORGE}, as received: its headers (names in lower case, the first value of each) and
 * the body's exact bytes, which are what the forge signed.
 */
public record Delivery(Map<String, String> headers, byte[] body) {

    public Delivery {
        TreeMap<String, String> lower = new TreeMap<>();
        headers.forEach((name, value) -> lower.putIfAbsent(name.toLowerCase(Locale.ROOT), value));
        headers = java.util.Collections.unmodifiableMap(lower);
        body = body.clone();
    }

    /** A header's value, stripped, if it is there and not blank. */
    public Optional<String> header(String name) {
        String value = headers.get(name.toLowerCase(Locale.ROOT));
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
    }

    @Override
    public byte[] body() {
        return body.clone();
    }
}
