package dev.berth.desired;

/** What a deployment's checkout folder holds: a fresh export of {@code commit}'s folder {@code subPath} ("" = all). */
public record CheckoutVersion(String commit, String subPath) {

    /** The same folder of the repository, perhaps at another commit. */
    boolean sameFolder(CheckoutVersion other) {
        return other != null && subPath.equals(other.subPath);
    }
}
