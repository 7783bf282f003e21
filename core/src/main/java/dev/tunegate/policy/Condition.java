package dev.tunegate.policy;

import dev.tunegate.evidence.Evidence;
import dev.tunegate.evidence.EvidenceSet;
import dev.tunegate.evidence.Measure;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * A rule's condition as data: comparisons of measures with named thresholds, combined with
 * three-valued (Kleene) AND / OR, so a rule is UNKNOWN only when its missing evidence could matter.
 * Each leaf can describe itself and say which change of its measure would flip it.
 */
public sealed interface Condition {

    Verdict eval(EvidenceSet ev, Thresholds t);

    /** e.g. {@code reviewed pairs ≥ 200 pairs}. */
    String describe(Thresholds t);

    /** The measures read, in order. */
    List<Measure> measures();

    /** The smallest single-measure changes that flip a known leaf (empty when none). */
    List<Flip> flips(EvidenceSet ev, Thresholds t);

    /**
     * A counterfactual change of one measure.
     *
     * @param replacement the changed evidence
     * @param change how a person would say it, e.g. "87 more reviewed pairs"
     * @param size the relative size of the change (smaller is more plausible)
     */
    record Flip(Evidence replacement, String change, double size) {}

    enum Op {
        AT_LEAST("≥"),
        AT_MOST("≤"),
        ABOVE(">"),
        BELOW("<");
        final String symbol;

        Op(String symbol) {
            this.symbol = symbol;
        }

        boolean test(double v, double t) {
            return switch (this) {
                case AT_LEAST -> v >= t;
                case AT_MOST -> v <= t;
                case ABOVE -> v > t;
                case BELOW -> v < t;
            };
        }
    }

    static Condition compare(Measure m, Op op, String threshold) {
        return new Compare(m, op, threshold, null);
    }

    /** {@code m op other}, where {@code other} falls back to a threshold when not measured. */
    static Condition compareTo(Measure m, Op op, Measure other, String fallbackThreshold) {
        return new Compare(m, op, fallbackThreshold, other);
    }

    static Condition isTrue(Measure m) {
        return new Is(m, true);
    }

    static Condition isFalse(Measure m) {
        return new Is(m, false);
    }

    static Condition oneOf(Measure m, Set<String> values) {
        return new OneOf(m, Set.copyOf(values));
    }

    static Condition and(Condition... cs) {
        return new All(List.of(cs));
    }

    static Condition or(Condition... cs) {
        return new Any(List.of(cs));
    }

    /** Numeric comparison with a named threshold (or with another measure, falling back to the threshold). */
    record Compare(Measure measure, Op op, String threshold, Measure other) implements Condition {
        double limit(EvidenceSet ev, Thresholds t) {
            if (other != null) {
                Optional<Evidence> o = ev.get(other);
                if (o.isPresent()) return o.get().asDouble();
            }
            return t.get(threshold);
        }

        public Verdict eval(EvidenceSet ev, Thresholds t) {
            return ev.get(measure)
                    .map(e -> Verdict.of(op.test(e.asDouble(), limit(ev, t))))
                    .orElse(Verdict.UNKNOWN);
        }

        public String describe(Thresholds t) {
            String limit = other == null
                    ? t.display(threshold)
                    : other.description() + " (" + t.display(threshold) + " when not configured)";
            return measure.description() + " " + op.symbol + " " + limit;
        }

        public List<Measure> measures() {
            return other == null ? List.of(measure) : List.of(measure, other);
        }

        public List<Flip> flips(EvidenceSet ev, Thresholds t) {
            Optional<Evidence> cur = ev.get(measure);
            if (cur.isEmpty()) return List.of();
            double v = cur.get().asDouble();
            double lim = limit(ev, t);
            boolean now = op.test(v, lim);
            boolean integral = measure.kind() == Measure.Kind.NUMBER
                    && lim == Math.rint(lim)
                    && (v == Math.rint(v) || Double.isInfinite(v));
            double step = integral ? 1 : (measure.kind() == Measure.Kind.RATIO ? 0.001 : 0.01);
            // the value closest to the current one on the other side of the limit
            double target =
                    switch (op) {
                        case AT_LEAST -> now ? lim - step : lim;
                        case ABOVE -> now ? lim : lim + step;
                        case AT_MOST -> now ? lim + step : lim;
                        case BELOW -> now ? lim : lim - step;
                    };
            if (measure.kind() == Measure.Kind.RATIO && (target < 0 || target > 1)) return List.of();
            if (target < 0) return List.of();
            Evidence changed =
                    new Evidence(measure, target, cur.get().origin(), cur.get().source(), "counterfactual");
            double size = Double.isInfinite(v) ? 1 : Math.abs(target - v) / Math.max(Math.abs(v), Math.abs(lim) + 1e-9);
            return List.of(new Flip(changed, phrase(measure, v, target), size));
        }

        private static String phrase(Measure m, double from, double to) {
            if (m.kind() == Measure.Kind.NUMBER
                    && !Double.isInfinite(from)
                    && from == Math.rint(from)
                    && to == Math.rint(to)) {
                return String.format(
                        Locale.ROOT,
                        "%s were %s instead of %s (%+d)",
                        m.description(),
                        Evidence.display(m, to),
                        Evidence.display(m, from),
                        (long) (to - from));
            }
            return m.description() + " were " + Evidence.display(m, to) + " instead of " + Evidence.display(m, from);
        }
    }

    /** A boolean measure equals a value. */
    record Is(Measure measure, boolean expected) implements Condition {
        public Verdict eval(EvidenceSet ev, Thresholds t) {
            return ev.get(measure)
                    .map(e -> Verdict.of(e.asBoolean() == expected))
                    .orElse(Verdict.UNKNOWN);
        }

        public String describe(Thresholds t) {
            return measure.description() + ": " + (expected ? "yes" : "no");
        }

        public List<Measure> measures() {
            return List.of(measure);
        }

        public List<Flip> flips(EvidenceSet ev, Thresholds t) {
            return ev.get(measure)
                    .map(e -> {
                        boolean to = !e.asBoolean();
                        Evidence changed = new Evidence(measure, to, e.origin(), e.source(), "counterfactual");
                        return List.of(new Flip(changed, measure.description() + ": " + (to ? "yes" : "no"), 1.0));
                    })
                    .orElse(List.of());
        }
    }

    /** A text measure is one of a set. */
    record OneOf(Measure measure, Set<String> values) implements Condition {
        public Verdict eval(EvidenceSet ev, Thresholds t) {
            return ev.get(measure)
                    .map(e -> Verdict.of(values.contains(e.asText())))
                    .orElse(Verdict.UNKNOWN);
        }

        public String describe(Thresholds t) {
            return measure.description() + " is one of " + String.join(", ", new java.util.TreeSet<>(values));
        }

        public List<Measure> measures() {
            return List.of(measure);
        }

        public List<Flip> flips(EvidenceSet ev, Thresholds t) {
            return List.of(); // a declared task type is not a change a team makes to flip a decision
        }
    }

    /** Kleene AND. */
    record All(List<Condition> parts) implements Condition {
        public Verdict eval(EvidenceSet ev, Thresholds t) {
            Verdict v = Verdict.FIRED;
            for (Condition c : parts) v = v.and(c.eval(ev, t));
            return v;
        }

        public String describe(Thresholds t) {
            return String.join(" and ", parts.stream().map(c -> c.describe(t)).toList());
        }

        public List<Measure> measures() {
            return parts.stream().flatMap(c -> c.measures().stream()).distinct().toList();
        }

        public List<Flip> flips(EvidenceSet ev, Thresholds t) {
            List<Flip> out = new ArrayList<>();
            for (Condition c : parts) out.addAll(c.flips(ev, t));
            return out;
        }
    }

    /** Kleene OR. */
    record Any(List<Condition> parts) implements Condition {
        public Verdict eval(EvidenceSet ev, Thresholds t) {
            Verdict v = Verdict.NOT_FIRED;
            for (Condition c : parts) v = v.or(c.eval(ev, t));
            return v;
        }

        public String describe(Thresholds t) {
            return String.join(" or ", parts.stream().map(c -> c.describe(t)).toList());
        }

        public List<Measure> measures() {
            return parts.stream().flatMap(c -> c.measures().stream()).distinct().toList();
        }

        public List<Flip> flips(EvidenceSet ev, Thresholds t) {
            List<Flip> out = new ArrayList<>();
            for (Condition c : parts) out.addAll(c.flips(ev, t));
            return out;
        }
    }
}
