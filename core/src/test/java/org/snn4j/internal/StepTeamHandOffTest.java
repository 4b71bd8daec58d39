package org.snn4j.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * {@link StepTeam}'s hand-off and its choice between sharing and running alone, exactly: the caller takes parts
 * itself, the workers are named daemon threads that do take parts, stay the same thread over back-to-back calls,
 * park when idle, exit after about a second idle and are then replaced; an {@link Error} from a part reaches the
 * caller; and {@link StepTeam#account}'s periods, alternating blocks, settling calls and ties to the call. The timing tests poll with a
 * deadline (a loaded machine may not schedule a worker at once). Written after the session 7 whole-core PIT run.
 */
class StepTeamHandOffTest {
    private static final long DEADLINE_NANOS = 5_000_000_000L;

    @Test
    void partsIsTheNumberOfParts() {
        assertThat(new StepTeam(3, "t").parts()).isEqualTo(3);
        assertThat(new StepTeam(1, "t").parts()).isEqualTo(1);
    }

    @Test
    void anErrorFromAPartReachesTheCaller() {
        StepTeam team = new StepTeam(2, "t");
        assertThatThrownBy(() -> team.run(q -> {
            if (q == 1) {
                throw new AssertionError("part " + q);
            }
        })).isInstanceOf(AssertionError.class).hasMessage("part 1");
        StepTeam one = new StepTeam(1, "t");
        assertThatThrownBy(() -> one.run(q -> {
            throw new AssertionError("alone");
        })).isInstanceOf(AssertionError.class).hasMessage("alone");
    }

    /** Runs calls whose parts take ~0.2 ms until {@code seen} holds a thread other than the caller, or the deadline. */
    private static Thread workerThatRanAPart(StepTeam team, AtomicBoolean callerRan) {
        Thread caller = Thread.currentThread();
        AtomicReference<Thread> worker = new AtomicReference<>();
        long start = System.nanoTime();
        while ((worker.get() == null || !callerRan.get()) && System.nanoTime() - start < DEADLINE_NANOS) {
            team.run(q -> {
                Thread t = Thread.currentThread();
                if (t == caller) {
                    callerRan.set(true);
                } else {
                    worker.compareAndSet(null, t);
                }
                long until = System.nanoTime() + 200_000;
                while (System.nanoTime() < until) {
                    Thread.onSpinWait();
                }
            });
        }
        return worker.get();
    }

    @Test
    void theCallerAndANamedDaemonWorkerBothTakePartsAndAnIdleWorkerExitsAndIsReplaced() throws InterruptedException {
        StepTeam team = new StepTeam(2, "hand-off");
        AtomicBoolean callerRan = new AtomicBoolean();
        Thread w = workerThatRanAPart(team, callerRan);
        assertThat(callerRan).as("the caller took a part").isTrue();
        assertThat(w).as("a worker took a part").isNotNull();
        assertThat(w.getName()).isEqualTo("hand-off-1");
        assertThat(w.isDaemon()).isTrue();
        // idle: it parks, and after about a second it exits
        long start = System.nanoTime();
        while (team.parks() == 0 && System.nanoTime() - start < DEADLINE_NANOS) {
            Thread.sleep(5);
        }
        assertThat(team.parks()).as("an idle worker parks").isPositive();
        w.join(DEADLINE_NANOS / 1_000_000);
        assertThat(w.isAlive()).as("an idle worker exits").isFalse();
        AtomicBoolean again = new AtomicBoolean();
        Thread w2 = workerThatRanAPart(team, again);
        assertThat(w2).as("a new worker took a part").isNotNull().isNotSameAs(w);
    }

    @Test
    void backToBackCallsKeepTheSameWorker() {
        StepTeam team = new StepTeam(2, "t");
        Thread caller = Thread.currentThread();
        Set<Thread> workers = ConcurrentHashMap.newKeySet();
        for (int c = 0; c < 3_000; c++) {
            team.run(q -> {
                if (Thread.currentThread() != caller) {
                    workers.add(Thread.currentThread());
                }
            });
        }
        assertThat(workers.size()).as("worker threads over 3,000 calls").isLessThanOrEqualTo(2);
    }

    /** Feeds {@code calls} calls timed {@code shared} or {@code alone} ns; returns how many were shared. */
    private static int feed(StepTeam team, int calls, long shared, long alone) {
        int n = 0;
        for (int c = 0; c < calls; c++) {
            boolean s = team.sharing();
            n += s ? 1 : 0;
            team.account(s ? shared : alone);
        }
        return n;
    }

    /** The way of each of the next {@code calls} calls, fed {@code shared} or {@code alone} ns: 'S' or 'A'. */
    private static String ways(StepTeam team, int calls, long shared, long alone) {
        StringBuilder b = new StringBuilder();
        for (int c = 0; c < calls; c++) {
            boolean s = team.sharing();
            b.append(s ? 'S' : 'A');
            team.account(s ? shared : alone);
        }
        return b.toString();
    }

    private static final int COMPARISON = StepTeam.BLOCKS * StepTeam.BLOCK;

    @Test
    void theFirstComparisonComesAfter1024CallsAndAlternatesBlocksOf64StartingWithTheWayNotInUse() {
        StepTeam team = new StepTeam(2, "t");
        assertThat(ways(team, 1024, 1_000, 2_000)).isEqualTo("S".repeat(1024));
        String cmp = ways(team, COMPARISON, 1_000, 2_000);
        StringBuilder expected = new StringBuilder();
        for (int b = 0; b < StepTeam.BLOCKS; b++) {
            expected.append((b % 2 == 0 ? "A" : "S").repeat(StepTeam.BLOCK));
        }
        assertThat(cmp).isEqualTo(expected.toString());
        // sharing was faster: the next period shares, and the comparison after it starts alone again
        assertThat(ways(team, StepTeam.PERIOD, 1_000, 2_000)).isEqualTo("S".repeat(StepTeam.PERIOD));
        assertThat(ways(team, 1, 1_000, 2_000)).isEqualTo("A");
    }

    @Test
    void theFirstCallsOfEachBlockAreNotTimed() {
        StepTeam team = new StepTeam(2, "t");
        feed(team, 1024, 1_000, 1_000);
        // sharing is faster in every timed call, but its settling calls (the first 8 of each block) are very slow
        for (int c = 0; c < COMPARISON; c++) {
            boolean s = team.sharing();
            int inBlock = c % StepTeam.BLOCK;
            team.account(s ? (inBlock < StepTeam.SETTLE ? 1_000_000_000L : 900) : 1_000);
        }
        assertThat(team.sharing()).as("sharing won on its timed calls").isTrue();
        // the same, but the first timed call of one shared block is slow enough to lose
        feed(team, StepTeam.PERIOD, 900, 1_000);
        for (int c = 0; c < COMPARISON; c++) {
            boolean s = team.sharing();
            int inBlock = c % StepTeam.BLOCK;
            team.account(s ? (c == StepTeam.BLOCK + StepTeam.SETTLE ? 1_000_000L : 900) : 1_000);
        }
        assertThat(team.sharing()).as("one slow timed call of sharing counts").isFalse();
    }

    @Test
    void aTieKeepsTheWayInUseAndAChangedMachineIsFollowedAtTheNextComparison() {
        StepTeam team = new StepTeam(2, "t");
        feed(team, 1024 + COMPARISON, 1_000, 1_000);
        assertThat(team.sharing()).as("a tie keeps sharing").isTrue();
        feed(team, StepTeam.PERIOD + COMPARISON, 1_000, 500);
        assertThat(team.sharing()).as("alone won").isFalse();
        feed(team, StepTeam.PERIOD + COMPARISON, 500, 500);
        assertThat(team.sharing()).as("a tie keeps running alone").isFalse();
        // the machine changes in the middle of a period: the period ends, then the comparison decides
        assertThat(feed(team, StepTeam.PERIOD, 100, 500)).as("the period runs alone").isZero();
        feed(team, COMPARISON, 100, 500);
        assertThat(team.sharing()).isTrue();
    }

    @Test
    void aComparisonCostsAtMostOneTwelfthOfItsCallsPerPeriod() {
        StepTeam team = new StepTeam(2, "t");
        feed(team, 1024 + COMPARISON, 1_000, 5_000);
        int calls = 10 * (StepTeam.PERIOD + COMPARISON);
        int shared = feed(team, calls, 1_000, 5_000);
        assertThat(calls - shared).as("calls alone while sharing is faster").isEqualTo(10 * COMPARISON / 2);
    }
}
