package org.snn4j.internal;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;

/**
 * A fixed team of {@code parts} workers for fine-grained, per-time-step parallel work: {@link #run} calls
 * {@code task.accept(q)} for {@code q = 0 .. parts-1}, part 0 on the calling thread and the others on daemon
 * worker threads, and returns when all are done (one fork and one join per call, a few microseconds, no
 * allocation). Workers spin briefly between calls, then park; a worker idle for about a second exits and is
 * started again by the next call, so an abandoned team leaves no thread behind.
 *
 * <p>One caller at a time (not thread-safe for concurrent {@code run}). Internal: not part of the public API.
 */
public final class StepTeam {
    private static final int RUNNING = 0;
    private static final int EXITED = 1;
    private static final long IDLE_EXIT_NANOS = 1_000_000_000L;

    private final int parts;
    private final String name;
    private final Thread[] threads;
    private final AtomicInteger[] status;
    private final AtomicInteger done = new AtomicInteger();
    private volatile int generation;
    private volatile IntConsumer task;
    private volatile Throwable failure;
    private final boolean[] parkedFlag; // written by workers, read by the caller (through the volatile below)
    private volatile int parkedCount;

    /** A team of {@code parts >= 1} parts (with {@code parts - 1} worker threads); {@code name} names them. */
    public StepTeam(int parts, String name) {
        Checks.atLeast("parts", parts, 1);
        this.parts = parts;
        this.name = name;
        threads = new Thread[parts];
        status = new AtomicInteger[parts];
        parkedFlag = new boolean[parts];
        for (int q = 1; q < parts; q++) {
            status[q] = new AtomicInteger(EXITED);
        }
    }

    /** The number of parts. */
    public int parts() {
        return parts;
    }

    /**
     * Runs {@code task.accept(q)} for every part and waits for all of them.
     *
     * @throws RuntimeException (or Error) rethrown from the first part that failed
     */
    public void run(IntConsumer task) {
        if (parts == 1) {
            task.accept(0);
            return;
        }
        this.task = task;
        failure = null;
        done.set(0);
        int gen = generation + 1;
        generation = gen;
        for (int q = 1; q < parts; q++) {
            if (status[q].get() == EXITED && status[q].compareAndSet(EXITED, RUNNING)) {
                start(q, gen - 1);
            } else if (parkedCount > 0) {
                LockSupport.unpark(threads[q]);
            }
        }
        try {
            task.accept(0);
        } catch (RuntimeException | Error e) {
            failure = e;
        }
        int spins = 0;
        while (done.get() < parts - 1) {
            if (++spins < 1 << 14) {
                Thread.onSpinWait();
            } else {
                Thread.yield();
            }
        }
        this.task = null;
        Throwable f = failure;
        if (f instanceof RuntimeException) {
            throw (RuntimeException) f;
        }
        if (f instanceof Error) {
            throw (Error) f;
        }
    }

    private void start(int q, int seen) {
        Thread th = new Thread(() -> work(q, seen), name + "-" + q);
        th.setDaemon(true);
        threads[q] = th;
        th.start();
    }

    private void work(int q, int seenAtStart) {
        int seen = seenAtStart;
        while (true) {
            int spins = 0;
            long idleSince = 0L;
            while (generation == seen) {
                if (++spins < 1 << 12) {
                    Thread.onSpinWait();
                    continue;
                }
                long now = System.nanoTime();
                if (idleSince == 0L) {
                    idleSince = now;
                } else if (now - idleSince > IDLE_EXIT_NANOS) {
                    status[q].set(EXITED);
                    if (generation == seen || !status[q].compareAndSet(EXITED, RUNNING)) {
                        return; // idle, or the caller already started a replacement
                    }
                    break; // a call arrived while exiting and nobody replaced us: serve it
                }
                synchronized (parkedFlag) {
                    parkedFlag[q] = true;
                    parkedCount++;
                }
                if (generation == seen) {
                    LockSupport.parkNanos(this, 200_000L);
                }
                synchronized (parkedFlag) {
                    parkedFlag[q] = false;
                    parkedCount--;
                }
            }
            seen = generation;
            IntConsumer t = task;
            try {
                t.accept(q);
            } catch (RuntimeException | Error e) {
                failure = e;
            } finally {
                done.incrementAndGet();
            }
        }
    }
}
