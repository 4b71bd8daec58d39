package org.snn4j.gradient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What {@link Trainer} reports (issue 17): an epoch's mean loss and training accuracy are those of the samples
 * under the weights each batch started from, the last batch may be partial, progress is reported per batch,
 * every batch is one optimiser update, and {@link Trainer#evaluate} gives per-sample predictions, accuracy and
 * mean loss computed independently here.
 */
class TrainerBookkeepingTest {
    private static final int STEPS = 12;

    private static Loss loss() {
        return new SpikeCountLoss(2, STEPS, 5f, 1f, SpikeCountLoss.Normalisation.COUNT);
    }

    /** Independent evaluation: inference forward of every sample. */
    private static double[] lossesAndHits(SpikingNetwork net, Samples data, int[] predictions) {
        Workspace ws = net.newWorkspace();
        double sum = 0;
        int hits = 0;
        for (int i = 0; i < data.size(); i++) {
            data.load(i, ws.input());
            Tensor out = net.forward(ws, Pass.inference());
            int p = loss().predict(out);
            if (predictions != null) {
                predictions[i] = p;
            }
            hits += p == data.label(i) ? 1 : 0;
            sum += loss().loss(out, data.label(i), ws.outputGradient(), 1f);
        }
        return new double[] {sum, hits};
    }

    @Test
    void oneBatchEpochReportsTheLossAndAccuracyOfTheStartingWeights() {
        SpikingNetwork net = NetworkGradientTest.tiny(ForwardMode.SPIKES, ResetGradient.DETACHED, STEPS);
        Samples data = NetworkGradientTest.samples(7, STEPS, net.inputShape(), true, 21);
        int[] expectPred = new int[7];
        double[] before = lossesAndHits(net, data, expectPred);
        try (Trainer tr = new Trainer(net, loss(), Adam.defaults(false), LearningRate.constant(0.05f), 7, 1, 5)) {
            Trainer.Evaluation ev = tr.evaluate(data);
            assertThat(ev.predictions()).containsExactly(expectPred);
            assertThat(ev.accuracy()).isEqualTo(before[1] / 7);
            assertThat(ev.meanLoss()).isCloseTo(before[0] / 7, within(1e-9 * Math.max(1, before[0])));
            assertThat(tr.updates()).isZero();
            List<Integer> progress = new ArrayList<>();
            Trainer.EpochResult r = tr.trainEpoch(data, 0, progress::add);
            assertThat(r.epoch()).isZero();
            assertThat(r.samples()).isEqualTo(7);
            assertThat(r.meanLoss()).isCloseTo(before[0] / 7, within(1e-4 * Math.max(1, before[0] / 7)));
            assertThat(r.trainAccuracy()).isEqualTo(before[1] / 7);
            assertThat(progress).containsExactly(7);
            assertThat(tr.updates()).isEqualTo(1);
            assertThat(tr.correct()).isEqualTo((int) before[1]);
            // the weights moved, so a second look gives other losses
            double[] after = lossesAndHits(net, data, null);
            assertThat(after[0]).isNotEqualTo(before[0]);
        }
    }

    @Test
    void anEpochIsItsBatchesInTheEpochOrderAndTheLastOneMayBePartial() {
        SpikingNetwork a = NetworkGradientTest.tiny(ForwardMode.SPIKES, ResetGradient.DETACHED, STEPS);
        SpikingNetwork b = NetworkGradientTest.tiny(ForwardMode.SPIKES, ResetGradient.DETACHED, STEPS);
        Samples data = NetworkGradientTest.samples(7, STEPS, a.inputShape(), true, 22);
        try (Trainer ta = new Trainer(a, loss(), new Sgd(0.5f, 0f, false), LearningRate.constant(0.02f), 3, 1, 6);
             Trainer tb = new Trainer(b, loss(), new Sgd(0.5f, 0f, false), LearningRate.constant(0.02f), 3, 1, 6)) {
            int[] order = ta.epochOrder(7, 4);
            assertThat(order).containsExactlyInAnyOrder(0, 1, 2, 3, 4, 5, 6);
            assertThat(tb.epochOrder(7, 4)).containsExactly(order);
            assertThat(ta.epochOrder(7, 5)).isNotEqualTo(order);
            // the first batch's loss is that of the starting weights on the first three samples of the order
            Workspace ws = b.newWorkspace();
            double first = 0;
            int firstHits = 0;
            for (int k = 0; k < 3; k++) {
                data.load(order[k], ws.input());
                Tensor out = b.forward(ws, Pass.inference());
                first += loss().loss(out, data.label(order[k]), ws.outputGradient(), 1f);
                firstHits += loss().predict(out) == data.label(order[k]) ? 1 : 0;
            }
            List<Integer> progress = new ArrayList<>();
            Trainer.EpochResult r = ta.trainEpoch(data, 4, progress::add);
            assertThat(progress).containsExactly(3, 6, 7);
            assertThat(ta.updates()).isEqualTo(3);
            assertThat(r.samples()).isEqualTo(7);
            assertThat(r.epoch()).isEqualTo(4);
            // the same batches by hand
            double s0 = tb.trainBatch(data, order, 0, 3, 4);
            int c0 = tb.correct();
            double s1 = tb.trainBatch(data, order, 3, 3, 4);
            int c1 = tb.correct();
            double s2 = tb.trainBatch(data, order, 6, 1, 4);
            int c2 = tb.correct();
            assertThat(s0).isCloseTo(first, within(1e-4 * Math.max(1, first)));
            assertThat(c0).isEqualTo(firstHits);
            assertThat(c2).isBetween(0, 1);
            assertThat(tb.updates()).isEqualTo(3);
            assertThat(r.meanLoss()).isEqualTo((s0 + s1 + s2) / 7);
            assertThat(r.trainAccuracy()).isEqualTo((double) (c0 + c1 + c2) / 7);
            for (int p = 0; p < a.parameters().size(); p++) {
                assertThat(b.parameters().get(p).value()).containsExactly(a.parameters().get(p).value());
            }
        }
    }
}
