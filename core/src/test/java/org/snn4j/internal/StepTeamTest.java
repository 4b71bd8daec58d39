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

    /** Feeds {@code windows} windows of calls timed {@code shared} or {@code alone} ns; returns the shared calls. */
    private static int feed(StepTeam team, int windows, long shared, long alone) {
        int sharedCalls = 0;
        for (int c = 0; c < windows * 1088; c++) {
            boolean s = team.sharing();
            sharedCalls += s ? 1 : 0;
            team.account(s ? shared : alone);
        }
        return sharedCalls;
    }

    @Test
    void aTeamRunsAloneWhenSharingWasSlowerAndTriesSharingAgainRarely() {
        StepTeam team = new StepTeam(2, "test");
        assertThat(team.sharing()).isTrue();
        feed(team, 1, 5_000, 1_000);
        assertThat(team.sharing()).as("after one shared window: the first try alone").isFalse();
        feed(team, 1, 5_000, 1_000);
        assertThat(team.sharing()).as("running alone won").isFalse();
        int shared = feed(team, 400, 5_000, 1_000);
        // tries after 8, 16, 32, 64, 128, 128 windows alone, each ended, lost, after 64 + 205 calls (when its
        // time passed that of a whole window alone, 1,024 x 1,000 ns)
        assertThat(shared).isBetween(5 * 269, 7 * 269);
        assertThat(team.sharing()).isFalse();
    }

    @Test
    void aTeamKeepsSharingWhenThatIsFasterAndSwitchesWhenTheMachineChanges() {
        StepTeam team = new StepTeam(2, "test");
        int shared = feed(team, 100, 1_000, 5_000);
        assertThat(shared).as("alone only in tries that lose").isGreaterThan(90 * 1088);
        assertThat(team.sharing()).isTrue();
        feed(team, 300, 5_000, 1_000); // the machine got loaded
        assertThat(team.sharing()).isFalse();
        feed(team, 300, 1_000, 5_000); // quiet again: found at the next try
        assertThat(team.sharing()).isTrue();
    }
}
