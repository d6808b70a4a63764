package dev.berth.json;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * Berth's one Jackson configuration: every JSON read and written goes through these (an ObjectMapper is
 * costly to make and safe to share once configured). Where callers genuinely need other settings, they use
 * a named variant here instead of a mapper of their own. Never configure a returned mapper: it is shared.
 */
public final class Json {
    // each mapper is made on its first use (a holder class each): the first one made in a process sets up
    // java.text's calendar and locale data (~30 ms), which commands that need no databind do not pay

    private Json() {
    }

    /** Jackson's defaults: compact output; a typed read fails on a property the type does not have. */
    public static ObjectMapper mapper() {
        return Plain.MAPPER;
    }

    /** Indented output, for people (berth validate --json, files an operator reads). */
    public static ObjectWriter pretty() {
        return Plain.PRETTY;
    }

    /**
     * Compact output; a typed read ignores properties the type does not have: for peers and files written by
     * another version (an MCP server's answers, the gateway's status file).
     */
    public static ObjectMapper lenient() {
        return Lenient.MAPPER;
    }

    /**
     * The state folder's files: indented, and read ignoring unknown properties, so a downgraded Berth still
     * reads what a newer one wrote. Also what status and history print, which are the same documents. (The
     * state store itself writes and reads its files with jackson-core alone, to the same bytes: dev.berth.state.StateForm.)
     */
    public static ObjectMapper stateFiles() {
        return State.MAPPER;
    }

    /** Map entries sorted by key, also in {@code valueToTree}: for hashes and lock files that must not depend on order. */
    public static ObjectMapper canonical() {
        return Canonical.MAPPER;
    }

    private static final class Plain {
        static final ObjectMapper MAPPER = JsonMapper.builder().build();
        static final ObjectWriter PRETTY = MAPPER.writerWithDefaultPrettyPrinter();
    }

    private static final class Lenient {
        static final ObjectMapper MAPPER = JsonMapper.builder()
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
    }

    private static final class State {
        static final ObjectMapper MAPPER = JsonMapper.builder()
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(SerializationFeature.INDENT_OUTPUT).build();
    }

    private static final class Canonical {
        static final ObjectMapper MAPPER = JsonMapper.builder()
                .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).build();
    }
}
