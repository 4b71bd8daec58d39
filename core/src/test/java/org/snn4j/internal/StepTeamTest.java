package org.snn4j.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

/** {@link StepTeam}: every part runs exactly once per call, failures reach the caller, idle workers come back. */
class StepTeamTest {
    @Test
    void everyPartRunsExactlyOncePerCall() {
        for (int parts = 1; parts <= 4; parts++) {
            StepTeam team = new StepTeam(parts, "test");
            AtomicIntegerArray hits = new AtomicIntegerArray(parts);
            int calls = 20_000;
            for (int c = 0; c < calls; c++) {
                team.run(hits::incrementAndGet);
            }
            for (int q = 0; q < parts; q++) {
                assertThat(hits.get(q)).as("part %d of %d", q, parts).isEqualTo(calls);
            }
        }
    }

    /**
     * A part runs for its own call only, exactly once, and never after its call returned: every call has its own
     * task; some parts take long enough for a worker to be late (then the caller takes its part), some pauses
     * between calls let workers park; with 3 and 4 parts on a 2-core machine some thread is always waiting for a
     * core, so workers are descheduled between reading a call and claiming a part. A worker that read an earlier
     * call must never run a later call's task as that call's part (a claim scheme tried in session 10 did, and
     * the counts here and in {@link #everyPartRunsExactlyOncePerCall} caught it).
     */
    @Test
    void aPartRunsOnceForItsOwnCallAndNeverAfterItReturned() throws InterruptedException {
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(7);
        for (int parts = 2; parts <= 4; parts++) {
            StepTeam team = new StepTeam(parts, "test");
            int calls = 20_000;
            AtomicIntegerArray hits = new AtomicIntegerArray(calls * parts);
            java.util.concurrent.atomic.AtomicInteger late = new java.util.concurrent.atomic.AtomicInteger();
            for (int c = 0; c < calls; c++) {
                final int call = c;
                final int slowPart = rnd.nextInt(8) == 0 ? rnd.nextInt(parts) : -1;
                final long slowNanos = 1_000 + rnd.nextInt(40_000);
                java.util.concurrent.atomic.AtomicBoolean returned = new java.util.concurrent.atomic.AtomicBoolean();
                final int n = parts;
                team.run(q -> {
                    if (returned.get()) {
                        late.incrementAndGet();
                    }
                    hits.incrementAndGet(call * n + q);
                    if (q == slowPart) {
                        long until = System.nanoTime() + slowNanos;
                        while (System.nanoTime() < until) {
                            Thread.onSpinWait();
                        }
                    }
                });
                returned.set(true);
                if (rnd.nextInt(500) == 0) {
                    Thread.sleep(3); // the workers park
                }
            }
            for (int k = 0; k < calls * parts; k++) {
                assertThat(hits.get(k)).as("call %d part %d of %d", k / parts, k % parts, parts).isEqualTo(1);
            }
            assertThat(late.get()).as("parts run after their call returned").isZero();
        }
    }

    @Test
    void aFailingPartIsRethrownAndTheTeamStaysUsable() {
        StepTeam team = new StepTeam(3, "test");
        assertThatThrownBy(() -> team.run(q -> {
            if (q == 2) {
                throw new IllegalStateException("part " + q);
            }
        })).isInstanceOf(IllegalStateException.class).hasMessage("part 2");
        AtomicIntegerArray hits = new AtomicIntegerArray(3);
        team.run(hits::incrementAndGet);
        assertThat(hits.get(0) + hits.get(1) + hits.get(2)).isEqualTo(3);
    }

    @Test
    void workersThatExitedWhenIdleAreReplaced() throws InterruptedException {
        StepTeam team = new StepTeam(2, "test");
        AtomicIntegerArray hits = new AtomicIntegerArray(2);
        team.run(hits::incrementAndGet);
        Thread.sleep(1_500); // longer than the idle exit time
        for (int c = 0; c < 100; c++) {
            team.run(hits::incrementAndGet);
        }
        assertThat(hits.get(0)).isEqualTo(101);
        assertThat(hits.get(1)).isEqualTo(101);
    }

    /**
     * A worker that parked during a pause spins again after the next call, even if the caller did that call's
     * parts alone (the earlier team parked after every such call, so a fast caller kept its worker asleep and
     * paid a wake-up per call). Only descheduling of the caller can park the worker here, a few times per
     * time slice, far fewer than once per call.
     */
    @Test
    void aWorkerThatMissedACallStaysAwakeForTheNextOnes() throws InterruptedException {
        StepTeam team = new StepTeam(2, "test");
        AtomicIntegerArray hits = new AtomicIntegerArray(2);
        team.run(hits::incrementAndGet);
        Thread.sleep(20); // the worker parks
        long before = team.parks();
        int calls = 20_000;
        for (int c = 0; c < calls; c++) {
            team.run(hits::incrementAndGet);
        }
        assertThat(team.parks() - before).as("parks during %d calls", calls).isLessThan(calls / 4);
        assertThat(hits.get(0)).isEqualTo(calls + 1);
        assertThat(hits.get(1)).isEqualTo(calls + 1);
    }

    /** Feeds {@code calls} calls timed {@code shared} or {@code alone} ns; returns the shared calls. */
    private static int feed(StepTeam team, int calls, long shared, long alone) {
        int sharedCalls = 0;
        for (int c = 0; c < calls; c++) {
            boolean s = team.sharing();
            sharedCalls += s ? 1 : 0;
            team.account(s ? shared : alone);
        }
        return sharedCalls;
    }

    @Test
    void aTeamRunsAloneWhenSharingWasSlowerAndComparesAgainEveryPeriod() {
        StepTeam team = new StepTeam(2, "test");
        assertThat(team.sharing()).isTrue();
        int cycle = StepTeam.PERIOD + StepTeam.BLOCKS * StepTeam.BLOCK;
        feed(team, 1024 + StepTeam.BLOCKS * StepTeam.BLOCK, 5_000, 1_000);
        assertThat(team.sharing()).as("after the first comparison").isFalse();
        int shared = feed(team, 20 * cycle, 5_000, 1_000);
        // half of each comparison's blocks share; nothing else does
        assertThat(shared).isEqualTo(20 * StepTeam.BLOCKS / 2 * StepTeam.BLOCK);
        assertThat(team.sharing()).isFalse();
    }

    @Test
    void aTeamKeepsSharingWhenThatIsFasterAndSwitchesWhenTheMachineChanges() {
        StepTeam team = new StepTeam(2, "test");
        int cycle = StepTeam.PERIOD + StepTeam.BLOCKS * StepTeam.BLOCK;
        int shared = feed(team, 1024 + 10 * cycle, 1_000, 5_000);
        // each of the 10 comparisons runs half of its blocks alone; everything else shares
        assertThat(shared).as("alone only in comparisons").isEqualTo(1024 + 10 * cycle - 10 * StepTeam.BLOCKS / 2 * StepTeam.BLOCK);
        // the machine gets loaded: the next comparison finds it (checked in the middle of the period after it)
        feed(team, cycle / 2, 5_000, 1_000);
        assertThat(team.sharing()).isFalse();
        feed(team, cycle, 1_000, 5_000); // quiet again
        assertThat(team.sharing()).isTrue();
    }
}
