package dev.berth.apply;

import dev.berth.host.HostLayout;
import dev.berth.state.AppliedState;
import java.io.IOException;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The files Berth recorded, as they are on disk now: what the planner compares against for drift.
 *
 * <p>A result equal to the last one is handed back as the last one's map, so that a daemon's planner, whose last
 * plan was made against it, recognises it by identity instead of comparing ~20,000 digests
 * ({@code plan.PlanMemory}). Telling that cheaply rests on {@link InstalledFileHashes}: a hash it remembers is the
 * same {@code String} each time, so an unchanged disk gives, target by target, the very strings of the last map.
 * One instance per process ({@link #PROCESS}), over {@link InstalledFileHashes#PROCESS}: the answer is about files
 * by absolute path, whoever asks, and a caller with other files in between costs the daemon one comparison.
 */
public final class ObservedFiles {
    public static final ObservedFiles PROCESS = new ObservedFiles(InstalledFileHashes.PROCESS);
    private static final String UNREADABLE = "unreadable";
    /** Below this many files one thread looks at them all: a pool's hand-over would cost more than it saves. */
    static final int IN_PARALLEL_FROM = 1_000;

    private final InstalledFileHashes hashes;
    /** The last map handed out (unmodifiable), or null before the first. */
    private volatile Map<String, String> last;

    ObservedFiles(InstalledFileHashes hashes) {
        this.hashes = hashes;
    }

    /**
     * target → sha256 on disk; missing files are absent from the map, unreadable ones never match. Unmodifiable;
     * the same map as the last call's when the content is the same.
     */
    public Map<String, String> of(HostLayout layout, AppliedState applied) {
        Map<String, String> observed;
        if (applied.files().size() < IN_PARALLEL_FROM) {
            observed = new HashMap<>();
            for (String target : applied.files().keySet()) {
                look(layout, target, observed);
            }
        } else {
            // each look is a stat (and a hash where the stamp moved), independent of the others: spread over the
            // cores. 20,000 looks took ~64-80 ms on one core of a test machine
            Map<String, String> concurrent = new ConcurrentHashMap<>();
            applied.files().keySet().parallelStream().forEach(target -> look(layout, target, concurrent));
            observed = concurrent;
        }
        Map<String, String> earlier = last;
        if (earlier != null && sameStrings(observed, earlier)) {
            return earlier;
        }
        Map<String, String> result = Collections.unmodifiableMap(observed);
        last = result;
        return result;
    }

    private void look(HostLayout layout, String target, Map<String, String> observed) {
        try {
            // hashed again only when its stamp changed, or on the full check's interval (InstalledFileHashes)
            hashes.sha256(layout.pathOf(target)).ifPresent(sha -> observed.put(target, sha));
        } catch (IOException e) {
            // unreadable counts as changed: the planner rewrites it
            observed.put(target, UNREADABLE);
        }
    }

    /**
     * Whether {@code now} has the same entries as {@code earlier} with, for each, the very same digest string: then
     * the maps are equal (same size, and every entry of one is in the other). A string that is only equal (a file
     * hashed again, not yet settled or on the full check) says no: the planner's memory then compares the maps.
     */
    private static boolean sameStrings(Map<String, String> now, Map<String, String> earlier) {
        if (now.size() != earlier.size()) {
            return false;
        }
        for (Map.Entry<String, String> e : now.entrySet()) {
            if (earlier.get(e.getKey()) != e.getValue()) {
                return false;
            }
        }
        return true;
    }
}
