package dev.tunegate.audit.semantic;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Runs a list of tasks on a fixed number of daemon threads and waits for all; the first failure is rethrown. */
final class Workers {
    private Workers() {}

    /** A task that may throw (ONNX Runtime and Lucene throw checked exceptions). */
    @FunctionalInterface
    interface Task {
        void run() throws Exception;
    }

    static void run(String what, int threads, List<Task> tasks) {
        ExecutorService pool =
                Executors.newFixedThreadPool(Math.max(1, Math.min(threads, Math.max(1, tasks.size()))), r -> {
                    Thread t = new Thread(r, what);
                    t.setDaemon(true);
                    return t;
                });
        try {
            List<Future<?>> fs = new ArrayList<>(tasks.size());
            for (Task t : tasks) {
                fs.add(pool.submit((Callable<Void>) () -> {
                    t.run();
                    return null;
                }));
            }
            for (Future<?> f : fs) f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + what, e);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof RuntimeException re) throw re;
            throw new IllegalStateException(what + " failed: " + c.getMessage(), c);
        } finally {
            pool.shutdownNow();
        }
    }
}
