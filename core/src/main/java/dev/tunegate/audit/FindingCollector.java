package dev.tunegate.audit;

import dev.tunegate.evidence.Finding;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Counts findings by kind, keeps the first few of each kind for the report, and forwards all to a sink. */
final class FindingCollector {
    static final int SAMPLES_PER_KIND = 20;
    private final FindingSink sink;
    private final EnumMap<FindingKind, Long> counts = new EnumMap<>(FindingKind.class);
    private final EnumMap<FindingKind, List<Finding>> samples = new EnumMap<>(FindingKind.class);

    FindingCollector(FindingSink sink) {
        this.sink = sink;
    }

    void add(Finding f) {
        FindingKind k = FindingKind.valueOf(f.kind().toUpperCase(java.util.Locale.ROOT));
        counts.merge(k, 1L, Long::sum);
        List<Finding> s = samples.computeIfAbsent(k, x -> new ArrayList<>());
        if (s.size() < SAMPLES_PER_KIND) s.add(f);
        sink.accept(f);
    }

    long count(FindingKind k) {
        return counts.getOrDefault(k, 0L);
    }

    Map<String, Long> byKind() {
        Map<String, Long> m = new LinkedHashMap<>();
        counts.forEach((k, v) -> m.put(k.key(), v));
        return m;
    }

    /** The kept findings, errors first, then by kind order. */
    List<Finding> samples() {
        List<Finding> out = new ArrayList<>();
        samples.values().forEach(out::addAll);
        return out;
    }
}
