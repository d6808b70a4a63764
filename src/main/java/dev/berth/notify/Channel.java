package dev.berth.notify;

import java.util.List;

/** A place the notifier delivers to: a sink, or the forge's commit status. */
interface Channel {
    String name();

    boolean wants(Event e);

    void send(Event e) throws DeliveryException;

    /** What must never show in an output of this channel's (scrubbed from its errors). */
    List<String> secrets();

    /** A sink as a channel: its filter, its request. */
    static Channel of(Sink sink, HttpDelivery http) {
        return new Channel() {
            public String name() {
                return sink.name();
            }

            public boolean wants(Event e) {
                return sink.wants(e.kind());
            }

            public void send(Event e) throws DeliveryException {
                switch (sink) {
                    case Sink.Webhook w -> http.send(SinkRequests.webhook(w, e));
                    case Sink.Ntfy n -> http.send(SinkRequests.ntfy(n, e));
                    case Sink.Slack s -> http.send(SinkRequests.slack(s, e));
                    case Sink.Matrix m -> http.send(SinkRequests.matrix(m, e, transactionId(e)));
                    case Sink.Email m -> EmailDelivery.send(m, e);
                }
            }

            public List<String> secrets() {
                return sink.secrets();
            }
        };
    }

    /** The forge's commit status as a channel: pending, success, failure on the event's commit. */
    static Channel of(CommitStatus status, HttpDelivery http) {
        return new Channel() {
            public String name() {
                return "commit-status";
            }

            public boolean wants(Event e) {
                return e.commit() != null && CommitStatus.stateFor(e.kind()).isPresent();
            }

            public void send(Event e) throws DeliveryException {
                http.send(status.request(e.commit(), e.host(), CommitStatus.stateFor(e.kind()).orElseThrow(), EventText.title(e)));
            }

            public List<String> secrets() {
                return List.of(status.token());
            }
        };
    }

    // the same event retried keeps its id, so the homeserver stores it once
    private static String transactionId(Event e) {
        return "berth-" + e.kind().word() + "-" + e.time().toEpochMilli() + "-" + (e.commit() == null ? "none" : e.commit());
    }
}
