package dev.berth.git;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * What a commit's signature says on this host, as status and the console show it.
 *
 * @param detail which key verified it ({@code signed by ... (ssh-ed25519 key SHA256:...)}), or why it failed; null
 *               for the kinds that need no detail
 */
public record SignatureStatus(Kind kind, String detail) {

    public enum Kind {
        /** signed by a key the host trusts */
        VERIFIED("verified"),
        /** the host requires signatures and this commit has none */
        UNSIGNED("unsigned"),
        /** the host requires no signatures (berth trust was never run), so none was checked */
        NOT_REQUIRED("not required"),
        /** signed, but not by a trusted key, or the signature does not check out */
        FAILED("failed");

        private final String word;

        Kind(String word) {
            this.word = word;
        }

        @JsonValue
        public String word() {
            return word;
        }
    }

    public static final SignatureStatus NOT_REQUIRED = new SignatureStatus(Kind.NOT_REQUIRED, null);

    /** One line: {@code verified: signed by ...}, {@code unsigned}, {@code failed: why}. */
    public String line() {
        return detail == null ? kind.word() : kind.word() + ": " + detail;
    }
}
