package dev.tunegate.cli;

import dev.tunegate.analysis.Progress;
import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A progress bar on stderr (units/s, MB/s, ETA) redrawn at most every 200 ms, only when stderr
 * is a terminal; silent otherwise so logs and pipes stay clean.
 */
final class TerminalProgress implements Progress {
    private final PrintStream out;

    private TerminalProgress(PrintStream out) {
        this.out = out;
    }

    /** A bar on stderr if it is a terminal, else silence. */
    static Progress forStderr() {
        return isTerminal() ? new TerminalProgress(System.err) : Progress.SILENT;
    }

    static boolean isTerminal() {
        java.io.Console c = System.console();
        if (c == null) return false;
        try { // Java 22+: a Console exists even when redirected; ask whether it is a terminal
            return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(c);
        } catch (ReflectiveOperationException e) {
            return true;
        }
    }

    @Override
    public Task start(String label, long total, String unit) {
        return new Bar(label, total, unit);
    }

    private final class Bar implements Task {
        private final String label;
        private final long total;
        private final String unit;
        private final long started = System.nanoTime();
        private final AtomicLong done = new AtomicLong();
        private final AtomicLong bytes = new AtomicLong();
        private volatile long lastDraw;

        Bar(String label, long total, String unit) {
            this.label = label;
            this.total = total;
            this.unit = unit;
        }

        @Override
        public void advance(long units, long b) {
            long d = done.addAndGet(units);
            bytes.addAndGet(b);
            long now = System.nanoTime();
            if (now - lastDraw > 200_000_000L) {
                lastDraw = now;
                draw(d, now, false);
            }
        }

        private synchronized void draw(long d, long now, boolean last) {
            double secs = Math.max(1e-9, (now - started) / 1e9);
            double rate = d / secs;
            double mbs = bytes.get() / secs / 1e6;
            StringBuilder b = new StringBuilder("\r").append(label).append(' ');
            if (total > 0) {
                int width = 24;
                int fill = (int) Math.min(width, width * d / total);
                b.append('[')
                        .append("#".repeat(fill))
                        .append(" ".repeat(width - fill))
                        .append("] ")
                        .append(String.format(Locale.ROOT, "%3d%% ", 100 * d / total));
            }
            b.append(String.format(Locale.ROOT, "%,d %s  %,.0f %s/s", d, unit, rate, unit));
            if (bytes.get() > 0) b.append(String.format(Locale.ROOT, "  %.1f MB/s", mbs));
            if (total > 0 && !last && rate > 0)
                b.append(String.format(Locale.ROOT, "  ETA %ds", (long) ((total - d) / rate)));
            b.append("   ");
            out.print(b);
            if (last) out.println();
            out.flush();
        }

        @Override
        public void close() {
            draw(done.get(), System.nanoTime(), true);
        }
    }
}
