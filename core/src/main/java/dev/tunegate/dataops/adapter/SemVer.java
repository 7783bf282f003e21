package dev.tunegate.dataops.adapter;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A semantic version (semver.org 2.0.0): {@code MAJOR.MINOR.PATCH}, an optional pre-release and build. */
public record SemVer(long major, long minor, long patch, String preRelease, String build)
        implements Comparable<SemVer> {
    private static final Pattern P = Pattern.compile(
            "^(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)(?:-((?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\\.(?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\\+([0-9a-zA-Z-]+(?:\\.[0-9a-zA-Z-]+)*))?$");

    /** Parses a version, or throws {@link IllegalArgumentException} saying what was expected. */
    public static SemVer parse(String s) {
        Matcher m = s == null ? null : P.matcher(s.strip());
        if (m == null || !m.matches()) {
            throw new IllegalArgumentException(
                    "expected a semantic version such as 1.4.0 or 2.0.0-rc.1, found \"" + s + "\"");
        }
        return new SemVer(
                Long.parseLong(m.group(1)),
                Long.parseLong(m.group(2)),
                Long.parseLong(m.group(3)),
                m.group(4),
                m.group(5));
    }

    /** Precedence as semver.org defines it (build metadata ignored). */
    @Override
    public int compareTo(SemVer o) {
        int c = Long.compare(major, o.major);
        if (c == 0) c = Long.compare(minor, o.minor);
        if (c == 0) c = Long.compare(patch, o.patch);
        if (c != 0) return c;
        if (preRelease == null) return o.preRelease == null ? 0 : 1;
        if (o.preRelease == null) return -1;
        String[] a = preRelease.split("\\."), b = o.preRelease.split("\\.");
        for (int i = 0; i < Math.min(a.length, b.length); i++) {
            boolean na = a[i].matches("\\d+"), nb = b[i].matches("\\d+");
            int d = na && nb
                    ? Long.compare(Long.parseLong(a[i]), Long.parseLong(b[i]))
                    : na ? -1 : nb ? 1 : a[i].compareTo(b[i]);
            if (d != 0) return d;
        }
        return Integer.compare(a.length, b.length);
    }

    @Override
    public String toString() {
        return major + "." + minor + "." + patch + (preRelease == null ? "" : "-" + preRelease)
                + (build == null ? "" : "+" + build);
    }
}
