package dev.tunegate.audit;

import dev.tunegate.analysis.Progress;
import dev.tunegate.audit.read.LineBlocks;
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

    /**
     * A batch of results, or the end: {@code end} itself, or (blocks) the numbering reached by the last
     * block, {@code {lines, rows}}, with the read failure if any.
     */
    private record Batch(
            Future<List<RowResult>> results, End end, CompletableFuture<long[]> lastBase, IOException failure) {
        Batch(Future<List<RowResult>> results, End end) {
            this(results, end, null, null);
        }
    }

    /** The rows of a block, reused by each worker thread from block to block. */
    private static final ThreadLocal<LineBlocks.Lines> LINES = ThreadLocal.withInitial(LineBlocks.Lines::new);

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
        return start(threads, merge, task, (workers, queue) -> read(source, work, workers, queue));
    }

    /**
     * Runs the pipeline over a plain JSONL file read in blocks ({@link LineBlocks}): the reader thread
     * only reads; each worker splits its block into lines and analyses them in place ({@link
     * RowAnalysis#analyzeLine}), numbering them from where the block before it ended (a worker learns
     * it as soon as the previous block is split, before that block is analysed). The same results,
     * in the same order, as {@link #run} over the same file.
     */
    static End runBlocks(
            LineBlocks source, RowAnalysis analysis, Consumer<RowResult> merge, int threads, Progress.Task task) {
        return start(threads, merge, task, (workers, queue) -> readBlocks(source, analysis, workers, queue));
    }

    /** Starts the workers and the reader thread ({@code read}), and merges on the calling thread. */
    private static End start(
            int threads,
            Consumer<RowResult> merge,
            Progress.Task task,
            java.util.function.BiConsumer<ExecutorService, BlockingQueue<Batch>> read) {
        int n = Math.max(1, threads);
        ExecutorService workers = Executors.newFixedThreadPool(n, r -> {
            Thread t = new Thread(r, "tunegate-audit-worker");
            t.setDaemon(true);
            return t;
        });
        BlockingQueue<Batch> queue = new ArrayBlockingQueue<>(4 * n);
        Thread reader = new Thread(() -> read.accept(workers, queue), "tunegate-audit-reader");
        reader.setDaemon(true);
        reader.start();
        return merge(queue, merge, reader, workers, task);
    }

    private static End merge(
            BlockingQueue<Batch> queue,
            Consumer<RowResult> merge,
            Thread reader,
            ExecutorService workers,
            Progress.Task task) {
        try {
            while (true) {
                Batch b = queue.take();
                if (b.end() != null) return b.end();
                if (b.lastBase() != null) {
                    long[] base = b.lastBase().join(); // done: every block before it was merged
                    IOException failure = b.failure() == null
                            ? null
                            : b.failure() instanceof java.io.InterruptedIOException
                                    ? b.failure()
                                    : new dev.tunegate.audit.read.TruncatedInputException(
                                            base[0] + 1,
                                            base[2],
                                            LineBlocks.DAMAGED,
                                            dev.tunegate.audit.read.TruncatedInputException.firstLineOf(b.failure()),
                                            b.failure());
                    return new End(base[1], failure, failure == null ? 0 : base[0]);
                }
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

    private static void readBlocks(
            LineBlocks source, RowAnalysis analysis, ExecutorService workers, BlockingQueue<Batch> queue) {
        CompletableFuture<long[]> prev = CompletableFuture.completedFuture(new long[] {0, 0, 0});
        try {
            while (true) {
                LineBlocks.Block block;
                IOException failure = null;
                try {
                    block = source.next();
                } catch (IOException e) {
                    failure = e;
                    block = null;
                } catch (RuntimeException e) {
                    failure = new IOException(e.getMessage(), e);
                    block = null;
                }
                if (block == null) {
                    long offset = source.offset();
                    CompletableFuture<long[]> last = prev.thenApply(b -> new long[] {b[0], b[1], offset});
                    queue.put(new Batch(null, null, last, failure));
                    return;
                }
                LineBlocks.Block todo = block;
                CompletableFuture<long[]> before = prev;
                CompletableFuture<long[]> after = new CompletableFuture<>();
                queue.put(new Batch(workers.submit(() -> block(todo, before, after, analysis)), null));
                prev = after;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            queue.offer(new Batch(CompletableFuture.failedFuture(e), null));
        }
    }

    /** A block's rows: split, numbered from {@code before} (then {@code after} is known), analysed. */
    private static List<RowResult> block(
            LineBlocks.Block block,
            CompletableFuture<long[]> before,
            CompletableFuture<long[]> after,
            RowAnalysis analysis) {
        try {
            LineBlocks.Lines lines = LINES.get();
            int lineCount = block.split(lines, analysis.shallowParser());
            // the block before was handed to the pool first, so it is being split or already was
            long[] base = before.join();
            int rows = lines.size();
            after.complete(new long[] {base[0] + lineCount, base[1] + rows, 0});
            List<RowResult> out = new ArrayList<>(rows);
            for (int i = 0; i < rows; i++) {
                int index = (int) (base[1] + i);
                long line = base[0] + lines.line(i);
                if (lines.tooLong(i)) {
                    long length = block.bytes == null ? block.tooLong : lines.to(i) - lines.from(i);
                    out.add(analysis.analyze(block.tooLongRow(index, line, length)));
                } else if (lines.shallow(i) != null) {
                    int from = lines.from(i), to = lines.to(i);
                    out.add(analysis.counted(index, line, to - from + 1L, lines.shallow(i)));
                } else {
                    out.add(analysis.analyzeLine(block.bytes, lines.from(i), lines.to(i), index, line));
                }
            }
            return out;
        } catch (RuntimeException | Error e) {
            after.completeExceptionally(e);
            throw e;
        } finally {
            block.release();
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
