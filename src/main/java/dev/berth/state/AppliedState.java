package dev.berth.state;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * What Berth has put on this host: the files it wrote (target → sha256) and the units it brought up.
 * Only files listed here are Berth's: it never touches any other file.
 *
 * @param commit the deployed commit, or null before the first complete deployment
 */
public record AppliedState(String commit, Map<String, String> files, Map<String, AppliedUnit> units) {

    public AppliedState {
        files = Collections.unmodifiableMap(new TreeMap<>(files));
        units = Collections.unmodifiableMap(new TreeMap<>(units));
    }

    public static AppliedState empty() {
        return new AppliedState(null, Map.of(), Map.of());
    }

    /** The target of the file Berth wrote for {@code unit} (its file name, in whichever folder), if it wrote one. */
    public java.util.Optional<String> targetOf(AppliedUnit unit) {
        return files.keySet().stream()
                .filter(target -> target.equals(unit.fileName()) || target.endsWith("/" + unit.fileName())).findFirst();
    }
}
