package dev.berth.plan;

/**
 * Why a plan takes a step: the words {@code berth plan} and the apply log print, and what the apply needs to know
 * about the step without reading those words.
 */
public sealed interface Reason permits FileReason, Reason.Described {

    /** The reason in the words a user reads in {@code berth plan}. */
    String words();

    /** True for a write that puts back a file changed or deleted on the host while the repository did not change it. */
    default boolean repairsDrift() {
        return false;
    }

    /** A reason put into words for this step only (a renamed unit, the inputs that changed). */
    record Described(String words) implements Reason {
    }
}
