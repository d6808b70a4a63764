package dev.berth.git;

import dev.berth.failure.FailureKind;

/** A commit's tree cannot be written safely: a name that leaves the folder, or more data than the limits allow. */
public final class UnsafeTreeException extends GitException {
    private static final long serialVersionUID = 1L;

    public UnsafeTreeException(String message) {
        super(FailureKind.REFUSED, message);
    }
}
