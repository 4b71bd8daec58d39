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
 * caller; and {@link StepTeam#account}'s windows, probes and ties to the call. The timing tests poll with a
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

    /** Calls until the way changes (at most {@code max}). */
    private static int untilSwitch(StepTeam team, int max, long shared, long alone) {
        boolean way = team.sharing();
        for (int c = 0; c < max; c++) {
            if (team.sharing() != way) {
                return c;
            }
            team.account(way ? shared : alone);
        }
        return max;
    }

    private static final int WINDOW = 64 + 1024;

    @Test
    void theFirstTimedCallCountsAndAWindowIsOneThousandAndTwentyFourTimedCalls() {
        StepTeam team = new StepTeam(2, "t");
        // the first timed call of the shared window is very slow: the mean of sharing is far above running alone
        for (int c = 0; c < 64; c++) {
            team.account(1);
        }
        team.account(1_000_000_000L);
        assertThat(untilSwitch(team, 10 * WINDOW, 1_000, 2_000)).isEqualTo(1023);
        assertThat(team.sharing()).as("the try alone").isFalse();
        // a full window alone (2,000 ns < the shared mean): alone won, stays alone
        assertThat(untilSwitch(team, 7 * WINDOW, 1_000, 2_000)).isEqualTo(7 * WINDOW);
        assertThat(team.sharing()).isFalse();
    }

    @Test
    void aTryEndsOnlyWhenItsTimePassesAWholeWindowOfTheOtherWay() {
        StepTeam team = new StepTeam(2, "t");
        assertThat(untilSwitch(team, 10 * WINDOW, 1_000, 2_000)).isEqualTo(WINDOW);
        // alone at 2,000 ns: 512 timed calls make exactly 1,024 x 1,000 ns, which is not more: the 513th ends it
        assertThat(untilSwitch(team, 10 * WINDOW, 1_000, 2_000)).isEqualTo(64 + 513);
        assertThat(team.sharing()).as("the try lost").isTrue();
    }

    @Test
    void aTryThatEndsEarlyLoses() {
        StepTeam team = new StepTeam(2, "t");
        feed(team, WINDOW, 1_000, 1_010);
        assertThat(team.sharing()).as("the try alone").isFalse();
        // alone at 1,010 ns per call passes 1,024,000 ns after 1,014 timed calls: lost (its mean is above 1,000),
        // back to sharing
        assertThat(untilSwitch(team, 10 * WINDOW, 1_000, 1_010)).isEqualTo(64 + 1014);
        assertThat(team.sharing()).isTrue();
    }

    @Test
    void aTieKeepsTheWayThatWasInUse() {
        StepTeam team = new StepTeam(2, "t");
        assertThat(untilSwitch(team, 20 * WINDOW, 1_000, 1_000)).isEqualTo(WINDOW);
        assertThat(team.sharing()).as("the try alone").isFalse();
        assertThat(untilSwitch(team, 20 * WINDOW, 1_000, 1_000)).as("a tie is no win: back to sharing").isEqualTo(WINDOW);
        assertThat(team.sharing()).isTrue();
        // the lost try doubled the interval: the next try alone comes 16 windows later, and wins
        assertThat(untilSwitch(team, 20 * WINDOW, 1_000, 500)).isEqualTo(16 * WINDOW);
        feed(team, WINDOW, 1_000, 500);
        assertThat(team.sharing()).as("alone won").isFalse();
        // a try of sharing 8 windows later ties: back to alone
        assertThat(untilSwitch(team, 20 * WINDOW, 500, 500)).isEqualTo(8 * WINDOW);
        assertThat(team.sharing()).isTrue();
        assertThat(untilSwitch(team, 20 * WINDOW, 500, 500)).as("a tie is no win: back to alone").isEqualTo(WINDOW);
        assertThat(team.sharing()).isFalse();
    }

    @Test
    void aWayThatTookNoTimeIsTriedAgainOnlyAtTheInterval() {
        StepTeam team = new StepTeam(2, "t");
        feed(team, WINDOW, 0, 0); // shared mean 0
        feed(team, WINDOW, 0, 0); // alone mean 0: a tie, back to sharing; the interval doubles to 16
        assertThat(team.sharing()).isTrue();
        assertThat(untilSwitch(team, 20 * WINDOW, 0, 0)).isEqualTo(16 * WINDOW);
    }

    @Test
    void aTryAgainstAWayThatTookNoTimeEndsAtItsFirstTimedCall() {
        StepTeam team = new StepTeam(2, "t");
        feed(team, WINDOW, 0, 5);
        assertThat(team.sharing()).isFalse();
        assertThat(untilSwitch(team, 10 * WINDOW, 0, 5)).isEqualTo(65);
    }
}
