package org.snn4j.internal;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;

/**
 * A small team of threads for fine-grained, per-time-step parallel work: {@link #run} calls
 * {@code task.accept(q)} once for every part {@code q = 0 .. parts-1} and returns when all are done. The
 * calling thread and {@code parts - 1} daemon workers claim parts from a shared ticket, so whichever thread
 * is running takes the next part: if a worker is descheduled (a loaded machine), the caller simply does
 * its parts itself instead of waiting for it. Which thread runs a part never changes what the part computes,
 * so results do not depend on scheduling. No allocation per call.
 *
 * <p>Workers spin briefly between calls, then park; a worker idle for about a second exits and is started
 * again by a later call, so an abandoned team leaves no thread behind. One caller at a time (not
 * thread-safe for concurrent {@code run}). Internal: not part of the public API.
 */
public final class StepTeam {
    private static final long IDLE_EXIT_NANOS = 1_000_000_000L;

    private final int parts;
    private final String name;
    private final Thread[] threads;
    private final AtomicInteger[] alive; // 1 while worker q's thread is running its loop
    /** (generation << 32) | next unclaimed part. */
    private final AtomicLong ticket = new AtomicLong();
    private final AtomicInteger done = new AtomicInteger();
    private final AtomicInteger parked = new AtomicInteger();
    private volatile IntConsumer task;
    private volatile Throwable failure;

    /** A team of {@code parts >= 1} parts (with {@code parts - 1} worker threads); {@code name} names them. */
    public StepTeam(int parts, String name) {
        Checks.atLeast("parts", parts, 1);
        this.parts = parts;
        this.name = name;
        threads = new Thread[parts];
        alive = new AtomicInteger[parts];
        for (int q = 0; q < parts; q++) {
            alive[q] = new AtomicInteger();
        }
    }

    /** The number of parts. */
    public int parts() {
        return parts;
    }

    /**
     * Runs {@code task.accept(q)} for every part and waits for all of them.
     *
     * @throws RuntimeException (or Error) rethrown from a part that failed
     */
    public void run(IntConsumer task) {
        if (parts == 1) {
            task.accept(0);
            return;
        }
        this.task = task;
        failure = null;
        done.set(0);
        long gen = (ticket.get() >>> 32) + 1;
        ticket.set(gen << 32); // publishes the task: workers read it after seeing this generation
        for (int q = 1; q < parts; q++) {
            if (alive[q].get() == 0 && alive[q].compareAndSet(0, 1)) {
                final int part = q;
                Thread th = new Thread(() -> work(part), name + "-" + q);
                th.setDaemon(true);
                threads[q] = th;
                th.start();
            }
        }
        if (parked.get() > 0) {
            for (int q = 1; q < parts; q++) {
                LockSupport.unpark(threads[q]);
            }
        }
        claimAndRun(gen, task);
        int spins = 0;
        while (done.get() < parts) {
            if (++spins < 1 << 10) {
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

    /** Claims and runs parts of generation {@code gen} until none is left. */
    private void claimAndRun(long gen, IntConsumer t) {
        while (true) {
            long tk = ticket.get();
            int q = (int) tk;
            if ((tk >>> 32) != gen || q >= parts) {
                return;
            }
            if (!ticket.compareAndSet(tk, tk + 1)) {
                continue;
            }
            try {
                t.accept(q);
            } catch (RuntimeException | Error e) {
                failure = e;
            } finally {
                done.incrementAndGet();
            }
        }
    }

    private void work(int q) {
        long seen = 0;
        long idleSince = 0;
        int spins = 0;
        while (true) {
            long tk = ticket.get();
            long gen = tk >>> 32;
            if (gen != seen && (int) tk < parts) {
                IntConsumer t = task; // the task of generation gen: it cannot be replaced before gen completes
                if (t != null) {
                    claimAndRun(gen, t);
                }
                seen = gen;
                spins = 0;
                idleSince = 0;
                continue;
            }
            seen = gen;
            if (++spins < 1 << 12) {
                Thread.onSpinWait();
                continue;
            }
            long now = System.nanoTime();
            if (idleSince == 0) {
                idleSince = now;
            } else if (now - idleSince > IDLE_EXIT_NANOS) {
                alive[q].set(0);
                return; // a later run() starts a new thread; any part left is claimed by the caller
            }
            parked.incrementAndGet();
            if ((ticket.get() >>> 32) == seen) {
                LockSupport.parkNanos(this, 200_000L);
            }
            parked.decrementAndGet();
        }
    }
}
