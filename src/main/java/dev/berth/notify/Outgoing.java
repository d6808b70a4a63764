package dev.berth.notify;

import java.net.URI;
import java.util.Map;

/** One HTTP request a sink or the commit status makes: built by pure code, sent by {@link HttpDelivery}. */
record Outgoing(String method, URI uri, Map<String, String> headers, String body) {
    Outgoing {
        headers = Map.copyOf(headers);
    }
}
