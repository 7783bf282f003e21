package dev.tunegate.pilot;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.apache.commons.math3.distribution.TDistribution;

/**
 * A KPI's trend across the checkpoints: the ordinary least-squares slope of the value against time in
 * weeks, with its 95 % interval (Student t with n − 2 degrees of freedom; none below three points),
 * and its direction relative to the target.
 *
 * @param points checkpoints that carry the KPI
 * @param slopePerWeek the least-squares slope, KPI units per week
 * @param low lower bound of the slope's 95 % interval, or null with fewer than three points
 * @param high upper bound, or null
 * @param direction {@code improving} when the slope moves towards the target side, {@code worsening} when away, {@code flat} when 0
 * @param significant whether the interval excludes 0 (false without an interval)
 * @param method how it was computed
 */
public record Trend(
        int points,
        double slopePerWeek,
        Double low,
        Double high,
        String direction,
        boolean significant,
        String method) {

    /** One KPI value at a date. */
    public record Point(LocalDate date, double value) {}

    /**
     * The trend of the points, or null with fewer than two distinct dates.
     *
     * @param higherIsBetter whether a rising KPI moves towards its target (adoption) or away (latency, cost)
     */
    public static Trend of(List<Point> points, boolean higherIsBetter) {
        int n = points.size();
        if (n < 2) return null;
        LocalDate origin = points.get(0).date();
        double[] x = new double[n], y = new double[n];
        double mx = 0, my = 0;
        for (int i = 0; i < n; i++) {
            x[i] = ChronoUnit.DAYS.between(origin, points.get(i).date()) / 7.0;
            y[i] = points.get(i).value();
            mx += x[i];
            my += y[i];
        }
        mx /= n;
        my /= n;
        double sxx = 0, sxy = 0;
        for (int i = 0; i < n; i++) {
            sxx += (x[i] - mx) * (x[i] - mx);
            sxy += (x[i] - mx) * (y[i] - my);
        }
        if (sxx == 0) return null;
        double slope = sxy / sxx;
        Double low = null, high = null;
        boolean significant = false;
        String method = "ordinary least squares of the value on weeks since " + origin + " over " + n + " checkpoints";
        if (n >= 3) {
            double intercept = my - slope * mx;
            double sse = 0;
            for (int i = 0; i < n; i++) {
                double r = y[i] - (intercept + slope * x[i]);
                sse += r * r;
            }
            double se = Math.sqrt(sse / (n - 2) / sxx);
            double t = new TDistribution(null, n - 2).inverseCumulativeProbability(0.975);
            low = slope - t * se;
            high = slope + t * se;
            significant = low > 0 || high < 0;
            method += "; 95 % interval: slope ± t(0.975, " + (n - 2) + ") × standard error";
        } else {
            method += "; no interval with two points";
        }
        String direction = slope == 0 ? "flat" : (slope > 0) == higherIsBetter ? "improving" : "worsening";
        return new Trend(n, slope, low, high, direction, significant, method);
    }
}
