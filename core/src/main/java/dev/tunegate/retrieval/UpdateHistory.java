package dev.tunegate.retrieval;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * How often documents change, from their update dates: the days between consecutive updates of
 * each document, pooled over the documents, and their median. A document updated once (or never)
 * contributes no interval.
 */
public final class UpdateHistory {
    private UpdateHistory() {}

    /** Days between consecutive distinct update dates, pooled over the documents. */
    public static List<Long> intervalsDays(Collection<Document> documents) {
        List<Long> out = new ArrayList<>();
        for (Document d : documents) {
            List<LocalDate> u = d.updated();
            for (int i = 1; i < u.size(); i++) out.add(ChronoUnit.DAYS.between(u.get(i - 1), u.get(i)));
        }
        return out;
    }

    /** The median of the pooled intervals (mean of the two middle values for an even count), or null when there are none. */
    public static Double medianIntervalDays(Collection<Document> documents) {
        List<Long> v = new ArrayList<>(intervalsDays(documents));
        if (v.isEmpty()) return null;
        v.sort(null);
        int n = v.size();
        return n % 2 == 1 ? (double) v.get(n / 2) : (v.get(n / 2 - 1) + v.get(n / 2)) / 2.0;
    }
}
