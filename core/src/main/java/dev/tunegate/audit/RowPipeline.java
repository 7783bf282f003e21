package dev.tunegate.audit;

import dev.tunegate.analysis.Progress;
import dev.tunegate.audit.read.RawRow;
import dev.tunegate.audit.read.RowSource;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The streaming engine: one reader thread splits the source into batches of rows, {@code threads}
 * workers analyse the batches, and the calling thread merges the results in row order. At most
 * {@code 4 × threads} batches are in flight, so memory does not grow with the file.
 */
final class RowPipeline {
    static final int BATCH_ROWS = 256;
    static final long BATCH_BYTES = 4L << 20;

    /** How reading ended. */
    record End(long rows, IOException failure, long failureLine) {}

    private record Batch(Future<List<RowResult>> results, End end) {}

    private RowPipeline() {}

    /**
     * Runs the pipeline to the end of the source (or until {@code merge} throws).
     *
     * @return how reading ended: a failure is a truncated or corrupt stream after the rows merged so far
     */
    static End run(
            RowSource source,
            Function<RawRow, RowResult> work,
            Consumer<RowResult> merge,
            int threads,
            Progress.Task task) {
        int n = Math.max(1, threads);
        ExecutorService workers = Executors.newFixedThreadPool(n, r -> {
            Thread t = new Thread(r, "tunegate-audit-worker");
            t.setDaemon(true);
            return t;
        });
        BlockingQueue<Batch> queue = new ArrayBlockingQueue<>(4 * n);
        Thread reader = new Thread(() -> read(source, work, workers, queue), "tunegate-audit-reader");
        reader.setDaemon(true);
        reader.start();
        try {
            while (true) {
                Batch b = queue.take();
                if (b.end() != null) return b.end();
                List<RowResult> rows = get(b.results());
                long bytes = 0;
                for (RowResult r : rows) {
                    merge.accept(r);
                    bytes += r.bytes();
                }
                task.advance(rows.size(), bytes);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } finally {
            reader.interrupt();
            workers.shutdownNow();
        }
    }

    private static List<RowResult> get(Future<List<RowResult>> f) throws InterruptedException {
        try {
            return f.get();
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof RuntimeException re) throw re;
            if (c instanceof Error er) throw er;
            throw new IllegalStateException(c);
        }
    }

    private static void read(
            RowSource source, Function<RawRow, RowResult> work, ExecutorService workers, BlockingQueue<Batch> queue) {
        long rows = 0;
        try {
            List<RawRow> batch = new ArrayList<>(BATCH_ROWS);
            long bytes = 0;
            IOException failure = null;
            while (true) {
                RawRow r;
                try {
                    r = source.next();
                } catch (IOException e) {
                    failure = e;
                    r = null;
                } catch (RuntimeException e) {
                    failure = new IOException(e.getMessage(), e);
                    r = null;
                }
                if (r != null) {
                    batch.add(r);
                    bytes += r.bytes();
                    rows++;
                }
                if (r == null || batch.size() >= BATCH_ROWS || bytes >= BATCH_BYTES) {
                    if (!batch.isEmpty()) {
                        List<RawRow> todo = batch;
                        queue.put(new Batch(
                                workers.submit(() -> {
                                    List<RowResult> out = new ArrayList<>(todo.size());
                                    for (RawRow x : todo) out.add(work.apply(x));
                                    return out;
                                }),
                                null));
                        batch = new ArrayList<>(BATCH_ROWS);
                        bytes = 0;
                    }
                    if (r == null) {
                        queue.put(new Batch(null, new End(rows, failure, failure == null ? 0 : source.line())));
                        return;
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            queue.offer(new Batch(CompletableFuture.failedFuture(e), null));
        }
    }
}
