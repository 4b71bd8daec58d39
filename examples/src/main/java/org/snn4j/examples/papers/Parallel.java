package org.snn4j.examples.papers;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs independent tasks {@code 0 .. n-1} on a fixed number of threads, each worker with its own index
 * (so it can own its buffers: one simulation per thread). Work is handed out in small chunks; results must
 * be written by task index, which makes the outcome independent of the thread count and of scheduling.
 */
final class Parallel {
    private Parallel() {
    }

    /** One task: process item {@code index} on worker {@code worker} (0 .. threads-1). */
    @FunctionalInterface
    interface Task {
        void run(int worker, int index) throws Exception;
    }

    /**
     * Runs {@code task} for every index in {@code [0, n)} on {@code threads} threads (the caller's thread is
     * worker 0) and returns when all are done.
     *
     * @throws RuntimeException wrapping the first failure of any task (the other workers stop early)
     */
    static void forEach(int n, int threads, int chunk, Task task) {
        int workers = Math.max(1, Math.min(threads, (n + chunk - 1) / Math.max(1, chunk)));
        run(workers, n, chunk, false, task);
    }

    /**
     * As {@link #forEach}, but worker {@code w} of {@code threads} always gets the same contiguous block of
     * indices, {@code [w n / threads, (w + 1) n / threads)} (for workers that keep per-item state between
     * calls, such as a simulation's frozen-layer cache).
     */
    static void forEachStatic(int n, int threads, Task task) {
        run(Math.max(1, threads), n, 0, true, task);
    }

    private static void run(int workers, int n, int chunk, boolean blocks, Task task) {
        AtomicInteger next = new AtomicInteger();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Thread> started = new ArrayList<>();
        for (int wk = 1; wk < workers; wk++) {
            final int id = wk;
            Thread t = new Thread(() -> {
                if (blocks) {
                    block(id, workers, n, failure, task);
                } else {
                    drain(id, n, chunk, next, failure, task);
                }
            }, "snn4j-worker-" + wk);
            t.setDaemon(true);
            t.start();
            started.add(t);
        }
        if (blocks) {
            block(0, workers, n, failure, task);
        } else {
            drain(0, n, chunk, next, failure, task);
        }
        for (int i = 0; i < started.size(); i++) {
            try {
                started.get(i).join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for workers", e);
            }
        }
        Throwable f = failure.get();
        if (f != null) {
            if (f instanceof RuntimeException re) {
                throw re;
            }
            if (f instanceof Error er) {
                throw er;
            }
            throw new IllegalStateException(f.getMessage(), f);
        }
    }

    private static void block(int worker, int workers, int n, AtomicReference<Throwable> failure, Task task) {
        try {
            int to = (int) ((long) (worker + 1) * n / workers);
            for (int i = (int) ((long) worker * n / workers); i < to && failure.get() == null; i++) {
                task.run(worker, i);
            }
        } catch (Throwable t) {
            failure.compareAndSet(null, t);
        }
    }

    private static void drain(int worker, int n, int chunk, AtomicInteger next, AtomicReference<Throwable> failure,
                              Task task) {
        try {
            while (failure.get() == null) {
                int from = next.getAndAdd(chunk);
                if (from >= n) {
                    return;
                }
                int to = Math.min(n, from + chunk);
                for (int i = from; i < to; i++) {
                    task.run(worker, i);
                }
            }
        } catch (Throwable t) {
            failure.compareAndSet(null, t);
        }
    }
}
