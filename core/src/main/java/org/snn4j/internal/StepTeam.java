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
 * <p>Sharing pays only when the two ways of running a call differ in the right direction on this machine now:
 * on a loaded machine a worker that is descheduled holding a part stalls the caller for a time slice, and on a
 * virtual machine two busy vCPUs may together do little more than one. So the team compares the two ways every
 * 8,192 calls in 12 alternating blocks of 64 calls each (the first 8 calls of a block untimed: a worker waking,
 * a part's data moving between cores), under the same state of the machine, and runs the next 8,192 calls the
 * way with the lower mean time per call (see {@link #account}). Which way a call takes never changes what it
 * computes.
 *
 * <p>Workers spin for 0.2 ms after every call (whether or not they took a part of it), so that back-to-back
 * calls such as the steps of a simulation find them awake, then park for 50 microseconds
 * to 1 ms at a time (the caller wakes them at most every 0.25 ms: a wake-up costs it a system call, and on a
 * loaded machine a woken worker may not run before the caller has done the parts itself); a worker idle for
 * about a second exits and is started again by a later call, so an abandoned team leaves no thread behind. One caller at a time (not
 * thread-safe for concurrent {@code run}). Internal: not part of the public API.
 */
public final class StepTeam {
    private static final long IDLE_EXIT_NANOS = 1_000_000_000L;
    /** A worker spins this long after the last call before it parks. */
    private static final long SPIN_NANOS = 200_000L;
    /** The first park of an idle worker; each further one is twice as long, up to {@link #MAX_PARK_NANOS}. */
    private static final long MIN_PARK_NANOS = 50_000L;
    /** The longest park of an idle worker: it finds a call at most this late by itself. */
    private static final long MAX_PARK_NANOS = 1_000_000L;
    /** The caller wakes parked workers at most this often (a wake-up is a system call of microseconds). */
    private static final long UNPARK_EVERY_NANOS = 250_000L;
    /** Calls run the chosen way between two comparisons of the ways (the first comparison comes after 1,024 calls). */
    static final int PERIOD = 8192;
    /** Calls per block of a comparison. */
    static final int BLOCK = 64;
    /** Calls at the start of a block that are not timed. */
    static final int SETTLE = 8;
    /**
     * Blocks per comparison, alternating between the ways, the first one the way not in use. Even: both ways time
     * the same number of calls, so their total times compare as their means.
     */
    static final int BLOCKS = 12;
    /** Spins between two reads of the clock. */
    private static final int CLOCK_EVERY = 64;

    private final int parts;
    private final String name;
    private final Thread[] threads;
    private final AtomicInteger[] alive; // 1 while worker q's thread is running its loop
    /** (generation << 32) | next unclaimed part. */
    private final AtomicLong ticket = new AtomicLong();
    private final AtomicInteger done = new AtomicInteger();
    private final AtomicInteger parked = new AtomicInteger();
    // the caller's own fields: wake-up rate limit and the choice between sharing and running alone
    private long lastUnpark;
    private boolean sharing = true; // the way of the next call
    private boolean chosen = true; // the way in use between comparisons
    private int block = -1; // the block of the comparison under way, -1 between comparisons
    private int phaseCalls = PERIOD - 1024; // calls of the chosen way, or of the current block
    private long sharedNanos;
    private long aloneNanos;
    private final AtomicLong parks = new AtomicLong();
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
        long t0 = System.nanoTime();
        if (sharing) {
            runShared(task);
        } else {
            runAlone(task);
        }
        account(System.nanoTime() - t0);
        Throwable f = failure;
        failure = null;
        if (f instanceof RuntimeException) {
            throw (RuntimeException) f;
        }
        if (f instanceof Error) {
            throw (Error) f;
        }
    }

    /** Every part on the calling thread, in order; a failure is kept and the remaining parts still run. */
    private void runAlone(IntConsumer task) {
        for (int q = 0; q < parts; q++) {
            try {
                task.accept(q);
            } catch (RuntimeException | Error e) {
                failure = e;
            }
        }
    }

    /** The parts shared with the workers through the ticket. */
    private void runShared(IntConsumer task) {
        this.task = task;
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
            // a parked worker wakes by itself within MAX_PARK_NANOS; waking it at every call would cost the
            // caller a system call per call while the worker cannot run (a loaded machine)
            long now = System.nanoTime();
            if (now - lastUnpark >= UNPARK_EVERY_NANOS) {
                lastUnpark = now;
                for (int q = 1; q < parts; q++) {
                    LockSupport.unpark(threads[q]);
                }
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
    }

    /**
     * Chooses between sharing the parts and running them alone from measured time: after {@link #PERIOD} calls of
     * the chosen way (1,024 for the first time), {@link #BLOCKS} blocks of {@link #BLOCK} calls alternate between
     * the two ways, the first block the way not in use; the calls of a block after its first {@link #SETTLE} are
     * timed, and the way with the lower mean per timed call is chosen for the next period (a tie keeps the way in
     * use). Both ways are timed in the same few milliseconds, so a machine whose speed changes from second to
     * second (load, a host's other guests) favours neither. Package-private so that tests can feed it timings.
     */
    void account(long nanos) {
        if (block < 0) {
            if (++phaseCalls >= PERIOD) {
                block = 0;
                phaseCalls = 0;
                sharedNanos = 0;
                aloneNanos = 0;
                sharing = !chosen;
            }
            return;
        }
        if (phaseCalls >= SETTLE) {
            if (sharing) {
                sharedNanos += nanos;
            } else {
                aloneNanos += nanos;
            }
        }
        if (++phaseCalls < BLOCK) {
            return;
        }
        phaseCalls = 0;
        if (++block < BLOCKS) {
            sharing = !sharing;
            return;
        }
        if (sharedNanos != aloneNanos) { // equal counts of timed calls (BLOCKS is even)
            chosen = sharedNanos < aloneNanos;
        }
        sharing = chosen;
        block = -1;
    }

    /** Whether the next call shares its parts with the workers (for tests). */
    boolean sharing() {
        return sharing;
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
        long lastCall = System.nanoTime();
        long park = MIN_PARK_NANOS;
        int spins = 0;
        while (true) {
            long tk = ticket.get();
            long gen = tk >>> 32;
            if (gen != seen) {
                // a new call, whether or not a part of it is left: the spin window restarts at every call, so
                // a worker that woke too late for one call is spinning when the next one comes
                seen = gen;
                if ((int) tk < parts) {
                    IntConsumer t = task; // the task of generation gen: it cannot be replaced before gen completes
                    if (t != null) {
                        claimAndRun(gen, t);
                    }
                }
                lastCall = System.nanoTime();
                spins = 0;
                park = MIN_PARK_NANOS;
                continue;
            }
            Thread.onSpinWait();
            if ((++spins & (CLOCK_EVERY - 1)) != 0) {
                continue;
            }
            long idle = System.nanoTime() - lastCall;
            if (idle < SPIN_NANOS) {
                continue;
            }
            if (idle > IDLE_EXIT_NANOS) {
                alive[q].set(0);
                return; // a later run() starts a new thread; any part left is claimed by the caller
            }
            parked.incrementAndGet();
            parks.incrementAndGet();
            if ((ticket.get() >>> 32) == seen) {
                LockSupport.parkNanos(this, park);
                park = Math.min(2 * park, MAX_PARK_NANOS);
            }
            parked.decrementAndGet();
        }
    }

    /** The number of times a worker has parked since the team was made (for tests). */
    long parks() {
        return parks.get();
    }
}
