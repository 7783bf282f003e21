package dev.tunegate.evidence;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The evidence the policy decides on: at most one value per {@link Measure}.
 *
 * <p>When several analyzers report the same measure, a measured value wins over a declared one;
 * between two of the same origin, the one added last wins. The pipeline's order is fixed, so a later
 * analyzer may refine an earlier one's measured value on purpose (the review log refines the audit's
 * reviewed pairs); otherwise analyzers do not report the same measure with the same origin.
 */
public final class EvidenceSet {
    private final Map<Measure, Evidence> byMeasure;

    private EvidenceSet(Map<Measure, Evidence> byMeasure) {
        this.byMeasure = Collections.unmodifiableMap(new EnumMap<>(byMeasure));
    }

    public static EvidenceSet empty() {
        return new EvidenceSet(new EnumMap<>(Measure.class));
    }

    public static EvidenceSet of(Collection<Evidence> evidence) {
        Map<Measure, Evidence> map = new EnumMap<>(Measure.class);
        for (Evidence e : evidence) {
            map.merge(e.measure(), e, EvidenceSet::prefer);
        }
        return new EvidenceSet(map);
    }

    private static Evidence prefer(Evidence old, Evidence neu) {
        if (old.origin() == Evidence.Origin.MEASURED && neu.origin() == Evidence.Origin.DECLARED) return old;
        return neu;
    }

    public Optional<Evidence> get(Measure m) {
        return Optional.ofNullable(byMeasure.get(m));
    }

    public boolean has(Measure m) {
        return byMeasure.containsKey(m);
    }

    /** A copy with one value replaced (used for counterfactuals). */
    public EvidenceSet with(Evidence e) {
        Map<Measure, Evidence> map = new EnumMap<>(Measure.class);
        map.putAll(byMeasure);
        map.put(e.measure(), e);
        return new EvidenceSet(map);
    }

    /** A copy without a measure (used to ask "what if this were unknown"). */
    public EvidenceSet without(Measure m) {
        Map<Measure, Evidence> map = new EnumMap<>(Measure.class);
        map.putAll(byMeasure);
        map.remove(m);
        return new EvidenceSet(map);
    }

    /** All evidence in {@link Measure} order. */
    public List<Evidence> all() {
        return List.copyOf(new ArrayList<>(byMeasure.values()));
    }
}
