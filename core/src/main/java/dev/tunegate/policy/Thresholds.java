package dev.tunegate.policy;

import dev.tunegate.evidence.Evidence;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Effective threshold values: the policy's defaults with the workspace's overrides. */
public final class Thresholds {
    private final Map<String, Threshold> defs;
    private final Map<String, Double> values;

    Thresholds(Map<String, Threshold> defs, Map<String, Double> overrides) {
        this.defs = defs;
        Map<String, Double> v = new LinkedHashMap<>();
        defs.forEach((k, t) -> v.put(k, overrides.getOrDefault(k, t.defaultValue())));
        this.values = Collections.unmodifiableMap(v);
    }

    public double get(String name) {
        Double d = values.get(name);
        if (d == null) throw new IllegalArgumentException("no threshold " + name);
        return d;
    }

    public boolean overridden(String name) {
        return values.get(name) != defs.get(name).defaultValue();
    }

    public Threshold definition(String name) {
        return defs.get(name);
    }

    public String display(String name) {
        Threshold t = defs.get(name);
        return Evidence.display(t.measure(), get(name));
    }

    /** All values, in rule order. */
    public Map<String, Double> values() {
        return values;
    }
}
