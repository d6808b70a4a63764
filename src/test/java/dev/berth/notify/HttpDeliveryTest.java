package dev.berth.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import org.junit.jupiter.api.Test;

class HttpDeliveryTest {

    /** The JDK numbers its clients as it builds them, and shows the number in toString: "...HttpClientImpl(7)". */
    private static long nextClientNumber() {
        String s = HttpClient.newHttpClient().toString();
        return Long.parseLong(s.substring(s.lastIndexOf('(') + 1, s.lastIndexOf(')')));
    }

    @Test
    void noClientIsBuiltBeforeTheFirstSend() {
        // a client sets up TLS and a selector thread: a daemon with no sink must not pay for one
        long before = nextClientNumber();
        new HttpDelivery();
        assertThat(nextClientNumber()).isEqualTo(before + 1);
    }
}
