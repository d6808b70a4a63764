package dev.berth.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.json.Json;
import dev.berth.testing.Draw;
import dev.berth.testing.Seeded;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The client writes and reads the control socket's JSON lines with Jackson's streaming API; the daemon with its
 * mapper. For any request and reply, both must mean the same: the daemon reads what the client wrote as the very
 * request, and the client reads what the daemon wrote as the very reply.
 */
class ControlWireTest {
    /** Quotes, backslashes, control characters, non-ASCII and astral characters: what JSON must escape or carry. */
    private static final String CHARS = "ab /-=\"\\\n\t\r\u0000\u001fé€\uD83D\uDE00{}[],:";

    private static String text(Draw d) {
        return d.oneIn(6) ? null : d.string(CHARS, 0, 12);
    }

    private static ControlRequest request(Draw d) {
        if (d.bool()) {
            return ControlRequest.sync(d.bool(), d.bool(), d.bool());
        }
        List<String> args = d.list(5, x -> x.string(CHARS, 0, 8));
        return d.bool() ? ControlRequest.query(args, Path.of("/state", d.string("abc", 1, 4)))
                : new ControlRequest(d.of(List.of("status", "ping", "query")), d.bool(), d.bool(), d.bool(), args, text(d));
    }

    @Test
    void theDaemonReadsEveryRequestAsTheClientMeantIt() {
        Seeded.check(300, ControlWireTest::request, r -> {
            byte[] line = ControlClient.json(r);
            assertThat(Json.mapper().readValue(line, ControlRequest.class)).isEqualTo(r);
            assertThat(Json.mapper().readTree(line)).as("the same fields as the daemon's own writer")
                    .isEqualTo(Json.mapper().readTree(Json.mapper().writeValueAsBytes(r)));
        });
    }

    @Test
    void theClientReadsEveryReplyAsTheDaemonMeantIt() {
        Seeded.check(300, d -> new ControlReply(text(d), d.bool(), d.between(-1, 3), text(d), text(d)), r -> {
            assertThat(ControlClient.reply(Json.mapper().writeValueAsString(r))).isEqualTo(r);
        });
    }

    @Test
    void fieldsOfANewerDaemonAreSkipped() throws Exception {
        assertThat(ControlClient.reply("{\"later\":{\"a\":[1,{\"b\":2}]},\"done\":true,\"exitCode\":3,\"more\":[true],\"output\":\"x\"}"))
                .isEqualTo(new ControlReply(null, true, 3, "x", null));
    }
}
