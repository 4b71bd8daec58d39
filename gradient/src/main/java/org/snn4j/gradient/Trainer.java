package org.snn4j.gradient;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Trains a {@link SpikingNetwork} on mini-batches with a {@link Loss} and an {@link Optimiser}.
 *
 * <p>One mini-batch of {@code B} samples: (1) each sample's forward pass, loss ({@code 1/B} of its gradient) and
 * backward pass, samples in parallel on separate workspaces; a {@link BatchLayer} (batch norm) splits this phase:
 * the layers before it run forward for every sample, then it runs on the whole batch, then the layers after it,
 * and the same backwards, each run of layers in parallel over the samples; (2) each layer's parameter gradient, split into
 * partitions that run in parallel, each summing the samples in batch order; (3) the optimiser, element-wise over
 * parameter ranges in parallel. No step depends on which thread ran what, so the weights after training are
 * bit-identical for any number of threads. Dropout masks come from the trainer's seed, the epoch and the sample
 * number.
 *
 * <p>Not thread-safe (one caller at a time); {@link #close()} stops its threads.
 */
public final class Trainer implements AutoCloseable {
    private static final int OPT_CHUNK = 1 << 15;

    private final SpikingNetwork net;
    private final Loss loss;
    private final Optimiser optimiser;
    private final LearningRate rate;
    private final int batchSize;
    private final int threads;
    private final long seed;
    private final ExecutorService pool;
    private final Workspace[] slots;
    private final float[][][] optState;
    private final float[] slotLoss;
    private final int[] slotCorrect;
    private final int[][] segments;
    private long updates;
    private int lastCount;

    /** Result of one epoch: mean loss per sample and accuracy on the training samples (forward in training mode). */
    public record EpochResult(int epoch, double meanLoss, double trainAccuracy, int samples) {
    }

    /**
     * A trainer.
     *
     * @param net       the network; its parameters are updated in place
     * @param loss      the loss
     * @param optimiser the optimiser
     * @param rate      the learning-rate schedule
     * @param batchSize samples per update, &gt;= 1
     * @param threads   worker threads, &gt;= 1
     * @param seed      seed of the shuffling and dropout
     */
    public Trainer(SpikingNetwork net, Loss loss, Optimiser optimiser, LearningRate rate, int batchSize, int threads,
                   long seed) {
        this.net = Objects.requireNonNull(net, "net");
        this.loss = Objects.requireNonNull(loss, "loss");
        this.optimiser = Objects.requireNonNull(optimiser, "optimiser");
        this.rate = Objects.requireNonNull(rate, "rate");
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be >= 1, got " + batchSize);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        this.batchSize = batchSize;
        this.threads = threads;
        this.seed = seed;
        this.pool = threads == 1 ? null : Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "snn4j-trainer");
            t.setDaemon(true);
            return t;
        });
        this.slots = new Workspace[Math.max(batchSize, threads)];
        for (int k = 0; k < slots.length; k++) {
            slots[k] = net.newWorkspace();
        }
        List<Parameter> ps = net.parameters();
        this.optState = new float[ps.size()][][];
        for (int p = 0; p < ps.size(); p++) {
            optState[p] = new float[optimiser.stateArrays()][ps.get(p).size()];
        }
        this.slotLoss = new float[batchSize];
        this.slotCorrect = new int[batchSize];
        this.segments = segments(net.layers());
    }

    /** The network being trained. */
    public SpikingNetwork network() {
        return net;
    }

    /** Number of optimiser updates so far. */
    public long updates() {
        return updates;
    }

    /**
     * One epoch: the samples in an order shuffled by the seed and the epoch, in batches of the batch size (the last
     * batch may be smaller).
     *
     * @param data  the training samples
     * @param epoch the epoch number (from 0; selects the learning rate, the order and the dropout masks)
     * @return the mean loss and training accuracy
     */
    public EpochResult trainEpoch(Samples data, int epoch) {
        return trainEpoch(data, epoch, done -> { });
    }

    /**
     * {@link #trainEpoch(Samples, int)} that reports its progress after every batch.
     *
     * @param data     the training samples
     * @param epoch    the epoch number (from 0)
     * @param progress called on the caller's thread after each batch with the number of samples done so far
     * @return the mean loss and training accuracy
     */
    public EpochResult trainEpoch(Samples data, int epoch, java.util.function.IntConsumer progress) {
        Objects.requireNonNull(progress, "progress");
        int n = data.size();
        int[] order = epochOrder(n, epoch);
        double sumLoss = 0;
        int correct = 0;
        for (int b = 0; b < n; b += batchSize) {
            int count = Math.min(batchSize, n - b);
            sumLoss += trainBatch(data, order, b, count, epoch);
            for (int k = 0; k < count; k++) {
                correct += slotCorrect[k];
            }
            progress.accept(b + count);
        }
        return new EpochResult(epoch, sumLoss / n, (double) correct / n, n);
    }

    /**
     * One optimiser update on the samples {@code indices[from .. from + count)}.
     *
     * @param data    the samples
     * @param indices sample numbers; not modified
     * @param from    first position in {@code indices}
     * @param count   batch size of this update, 1 .. the trainer's batch size
     * @param epoch   the epoch (learning rate, dropout masks)
     * @return the sum of the samples' losses
     */
    public double trainBatch(Samples data, int[] indices, int from, int count, int epoch) {
        if (count < 1 || count > batchSize) {
            throw new IllegalArgumentException("count must be in [1, " + batchSize + "], got " + count);
        }
        double sum = backprop(data, indices, from, count, count, epoch);
        applyGradients(epoch);
        return sum;
    }

    /**
     * The order in which {@link #trainEpoch} visits {@code n} samples in epoch {@code epoch}: a permutation of
     * {@code 0 .. n-1} shuffled by the trainer's seed and the epoch (for running the same epoch elsewhere, such as
     * data-parallel on a cluster).
     *
     * @param n     number of samples, &gt;= 0
     * @param epoch the epoch
     * @return a new array
     */
    public int[] epochOrder(int n, int epoch) {
        if (n < 0) {
            throw new IllegalArgumentException("n must be >= 0, got " + n);
        }
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        SplittableRandom rng = new SplittableRandom(mix(seed, epoch, -1));
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int tmp = order[i];
            order[i] = order[j];
            order[j] = tmp;
        }
        return order;
    }

    /**
     * One share of a data-parallel mini-batch: writes into {@link Parameter#grad()} the gradient of
     * {@code (1 / batchSize) * sum of the losses of indices[from .. from + count)}, without updating the parameters.
     * Summed over shares that together hold a batch of {@code batchSize} samples, these gradients are the gradient
     * that {@link #trainBatch} computes for that batch, up to the order of the float additions (equal bit for bit
     * when one share holds the whole batch in batch order). Dropout masks depend on the sample numbers, not on the
     * share. Then {@link #applyGradients} updates the parameters from the summed gradient.
     *
     * @param data      the samples (only those named are loaded)
     * @param indices   sample numbers; not modified
     * @param from      first position of the share in {@code indices}
     * @param count     samples in the share, 1 .. this trainer's batch size
     * @param batchSize samples in the whole batch, &gt;= {@code count}
     * @param epoch     the epoch (dropout masks)
     * @return the sum of the share's losses; {@link #correct()} then gives how many it predicted right
     */
    public double shareGradient(Samples data, int[] indices, int from, int count, int batchSize, int epoch) {
        if (count < 1 || count > this.batchSize) {
            throw new IllegalArgumentException("count must be in [1, " + this.batchSize + "], got " + count);
        }
        if (batchSize < count) {
            throw new IllegalArgumentException("batchSize must be >= count = " + count + ", got " + batchSize);
        }
        return backprop(data, indices, from, count, batchSize, epoch);
    }

    /** Samples of the last {@link #trainBatch} or {@link #shareGradient} call that were predicted right. */
    public int correct() {
        int c = 0;
        for (int k = 0; k < lastCount; k++) {
            c += slotCorrect[k];
        }
        return c;
    }

    /**
     * One optimiser update of every parameter from the gradient now in {@link Parameter#grad()} (written by
     * {@link #shareGradient} and summed by the caller), with the learning rate of {@code epoch}; counts as an
     * update.
     *
     * @param epoch the epoch (learning rate)
     */
    public void applyGradients(int epoch) {
        updates++;
        long step = updates;
        float lr = rate.at(epoch);
        List<Parameter> ps = net.parameters();
        List<int[]> chunks = new ArrayList<>();
        for (int p = 0; p < ps.size(); p++) {
            for (int a = 0; a < ps.get(p).size(); a += OPT_CHUNK) {
                chunks.add(new int[] {p, a, Math.min(ps.get(p).size(), a + OPT_CHUNK)});
            }
        }
        parallel(chunks.size(), (k, worker) -> {
            int[] c = chunks.get(k);
            Parameter p = ps.get(c[0]);
            optimiser.update(p.value(), p.grad(), optState[c[0]], c[1], c[2], step, lr);
        });
    }

    /**
     * Computes the gradient of the mean loss over the given samples into {@link Parameter#grad()} without updating
     * the parameters (for gradient checks and custom optimisation loops). It is a training pass: batch layers use
     * and update their batch statistics (batch norm's running statistics move; see
     * {@link SpikingNetwork#buffers()}).
     *
     * @param data    the samples
     * @param indices the samples of the batch (1 to the batch size); not modified
     * @param epoch   the epoch (dropout masks)
     * @return the mean loss
     */
    public double gradient(Samples data, int[] indices, int epoch) {
        if (indices.length < 1 || indices.length > batchSize) {
            throw new IllegalArgumentException("batch must have 1 to " + batchSize + " samples, got "
                    + indices.length);
        }
        return backprop(data, indices, 0, indices.length, indices.length, epoch) / indices.length;
    }

    /**
     * Phases 1 and 2: per-sample passes (each loss gradient scaled by {@code 1 / batchCount}), then parameter
     * gradients; returns the sum of the losses. Batch-coupled layers (batch norm) see the {@code count} samples
     * of this call only.
     */
    private double backprop(Samples data, int[] indices, int from, int count, int batchCount, int epoch) {
        List<Dense> fixed = new ArrayList<>();
        for (int l = 1; l < net.layers().size(); l++) {   // layer 0 computes no input gradient
            if (net.layers().get(l) instanceof Dense d) {
                fixed.add(d);
            }
        }
        parallel(fixed.size(), (k, worker) -> fixed.get(k).fixWeights());
        try {
            return passes(data, indices, from, count, batchCount, epoch);
        } finally {
            for (Dense d : fixed) {
                d.releaseWeights();
            }
        }
    }

    /** {@link #backprop} with the dense layers' weights fixed. */
    private double passes(Samples data, int[] indices, int from, int count, int batchCount, int epoch) {
        float scale = 1f / batchCount;
        lastCount = count;
        List<Layer> layers = net.layers();
        int nl = layers.size();
        Object[][] scratch = new Object[nl][count];
        Tensor[][] ins = new Tensor[nl][count];
        Tensor[][] outs = new Tensor[nl][count];
        Tensor[][] gouts = new Tensor[nl][count];
        for (int l = 0; l < nl; l++) {
            for (int k = 0; k < count; k++) {
                ins[l][k] = slots[k].activation(l);
                outs[l][k] = slots[k].activation(l + 1);
                gouts[l][k] = slots[k].gradient(l + 1);
                scratch[l][k] = slots[k].scratch(l);
            }
        }
        BatchLoop loop = (n, body) -> parallel(n, (i, worker) -> body.accept(i));
        int last = segments.length - 1;
        for (int g = 0; g <= last; g++) {
            int l0 = segments[g][0];
            int l1 = segments[g][1];
            boolean first = g == 0;
            boolean end = g == last;
            if (l1 - l0 == 1 && layers.get(l0) instanceof BatchLayer bl) {
                if (first) {
                    parallel(count, (k, worker) -> data.load(indices[from + k], slots[k].input()));
                }
                bl.forwardBatch(ins[l0], outs[l0], scratch[l0], count, loop);
                if (end) {
                    parallel(count, (k, worker) -> lossOf(data, indices[from + k], k, scale));
                    bl.backwardBatch(ins[l0], outs[l0], gouts[l0], l0 == 0 ? null : gouts[l0 - 1], scratch[l0], count,
                            loop);
                }
            } else {
                parallel(count, (k, worker) -> {
                    int idx = indices[from + k];
                    Workspace ws = slots[k];
                    if (first) {
                        data.load(idx, ws.input());
                    }
                    net.forward(ws, new Pass(true, mix(seed, epoch, idx)), l0, l1);
                    if (end) {
                        lossOf(data, idx, k, scale);
                        net.backward(ws, l0, l1);
                    }
                });
            }
        }
        for (int g = last - 1; g >= 0; g--) {
            int l0 = segments[g][0];
            int l1 = segments[g][1];
            if (l1 - l0 == 1 && layers.get(l0) instanceof BatchLayer bl) {
                bl.backwardBatch(ins[l0], outs[l0], gouts[l0], l0 == 0 ? null : gouts[l0 - 1], scratch[l0], count,
                        loop);
            } else {
                parallel(count, (k, worker) -> net.backward(slots[k], l0, l1));
            }
        }
        List<int[]> parts = new ArrayList<>();
        for (int l = 0; l < nl; l++) {
            int np = layers.get(l).gradientPartitions();
            for (int p = 0; p < np; p++) {
                parts.add(new int[] {l, p});
            }
        }
        parallel(parts.size(), (k, worker) -> {
            int l = parts.get(k)[0];
            layers.get(l).computeGradients(parts.get(k)[1], ins[l], outs[l], gouts[l], scratch[l], count);
        });
        double sum = 0;
        for (int k = 0; k < count; k++) {
            sum += slotLoss[k];
        }
        return sum;
    }

    /** The loss of sample {@code idx} in slot {@code k}, whose forward pass is done; writes its output gradient. */
    private void lossOf(Samples data, int idx, int k, float scale) {
        Workspace ws = slots[k];
        Tensor out = ws.output();
        int label = data.label(idx);
        slotLoss[k] = loss.loss(out, label, ws.outputGradient(), scale);
        slotCorrect[k] = loss.predict(out) == label ? 1 : 0;
    }

    /**
     * Runs of consecutive layers {@code {from, to}}: a {@link BatchLayer} alone, or layers that run sample by
     * sample.
     */
    private static int[][] segments(List<Layer> layers) {
        List<int[]> seg = new ArrayList<>();
        int start = 0;
        for (int l = 0; l < layers.size(); l++) {
            if (layers.get(l) instanceof BatchLayer) {
                if (l > start) {
                    seg.add(new int[] {start, l});
                }
                seg.add(new int[] {l, l + 1});
                start = l + 1;
            }
        }
        if (start < layers.size()) {
            seg.add(new int[] {start, layers.size()});
        }
        return seg.toArray(new int[0][]);
    }

    /**
     * Predictions, accuracy and mean loss on a data set.
     *
     * @param predictions each sample's predicted class
     * @param accuracy    fraction of samples predicted right
     * @param meanLoss    the trainer's loss per sample (inference mode), summed in sample order
     */
    public record Evaluation(int[] predictions, double accuracy, double meanLoss) {
    }

    /**
     * Runs every sample forward in inference mode, in parallel.
     *
     * @param data the samples
     * @return each sample's predicted class, the accuracy and the mean loss
     */
    public Evaluation evaluate(Samples data) {
        int n = data.size();
        int[] pred = new int[n];
        int[] hit = new int[n];
        float[] sampleLoss = new float[n];
        parallel(n, (i, worker) -> {
            Workspace ws = slots[worker];
            data.load(i, ws.input());
            Tensor out = net.forward(ws, Pass.inference());
            pred[i] = loss.predict(out);
            hit[i] = pred[i] == data.label(i) ? 1 : 0;
            sampleLoss[i] = loss.loss(out, data.label(i), ws.outputGradient(), 1f);
        });
        int c = 0;
        double sum = 0;
        for (int i = 0; i < n; i++) {
            c += hit[i];
            sum += sampleLoss[i];
        }
        return new Evaluation(pred, n == 0 ? 0 : (double) c / n, n == 0 ? 0 : sum / n);
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }

    @FunctionalInterface
    private interface Body {
        void run(int item, int worker);
    }

    private void parallel(int n, Body body) {
        if (pool == null || n <= 1) {
            for (int i = 0; i < n; i++) {
                body.run(i, 0);
            }
            return;
        }
        AtomicInteger next = new AtomicInteger();
        int workers = Math.min(threads, n);
        List<Callable<Void>> tasks = new ArrayList<>(workers);
        for (int w = 0; w < workers; w++) {
            int worker = w;
            tasks.add(() -> {
                for (int i = next.getAndIncrement(); i < n; i = next.getAndIncrement()) {
                    body.run(i, worker);
                }
                return null;
            });
        }
        try {
            List<Future<Void>> fs = pool.invokeAll(tasks);
            for (int k = 0; k < fs.size(); k++) {
                fs.get(k).get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("training interrupted", e);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof RuntimeException re) {
                throw re;
            }
            if (c instanceof Error er) {
                throw er;
            }
            throw new IllegalStateException(c);
        }
    }

    /** SplitMix64-style mixing of the seed, the epoch and the sample. */
    static long mix(long seed, int epoch, int sample) {
        long z = seed + 0x9E3779B97F4A7C15L * (epoch + 1) + 0xBF58476D1CE4E5B9L * (sample + 2L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
