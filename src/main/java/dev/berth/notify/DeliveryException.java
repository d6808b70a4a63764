package dev.berth.notify;

/** A send that did not get through; {@code retryable} unless the receiver refused it for good (a 4xx but 408, 429). */
final class DeliveryException extends Exception {
    private final boolean retryable;

    DeliveryException(String message, boolean retryable, Throwable cause) {
        super(message, cause);
        this.retryable = retryable;
    }

    boolean retryable() {
        return retryable;
    }
}
