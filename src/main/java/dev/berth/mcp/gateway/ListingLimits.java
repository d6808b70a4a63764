package dev.berth.mcp.gateway;

/**
 * How much of a downstream server's listing ({@code tools/list}, {@code prompts/list}, {@code resources/list})
 * Berth reads before it gives up on the server. Each page is already capped at
 * {@link DownstreamClient#MAX_RESPONSE}; these bound the whole listing, so a server that pages forever, or
 * offers thousands of entries, costs Berth (the daemon and {@code berth mcp lock}) a bounded amount of
 * memory and time. A server over a bound is marked down, with {@link ListingTooLarge}'s message as the reason.
 *
 * @param maxPages pages followed through {@code nextCursor}
 * @param maxItems entries of one kind (no assistant can use more tools than this anyway)
 * @param maxBytes the pages' entries together, as JSON
 */
record ListingLimits(int maxPages, int maxItems, long maxBytes) {
    static final ListingLimits DEFAULT = new ListingLimits(50, 1000, 8L * 1024 * 1024);

    /** A listing that went over one of the bounds: the server is not served. */
    static final class ListingTooLarge extends IllegalStateException {
        ListingTooLarge(String message) {
            super(message);
        }
    }

    /** Fails once a listing of {@code method} has read this much; else returns normally. */
    void check(String method, int pages, int items, long bytes) {
        String over = pages > maxPages ? "more than " + maxPages + " pages"
                : items > maxItems ? "more than " + maxItems + " entries"
                : bytes > maxBytes ? "more than " + maxBytes / (1024 * 1024) + " MiB"
                : null;
        if (over != null) {
            throw new ListingTooLarge(method + " has " + over + " (" + items + " entries in " + pages + " pages, "
                    + bytes / 1024 + " KiB); Berth reads at most " + maxItems + " entries, " + maxPages + " pages, "
                    + maxBytes / (1024 * 1024) + " MiB of a listing");
        }
    }
}
