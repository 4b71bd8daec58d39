package org.snn4j.gradient;

/**
 * One sample's nonzero inputs grouped by input: input {@code i} is nonzero at steps
 * {@code step[start[i] .. start[i + 1])} (ascending) with the values {@code value[...]} (1 for spikes). Lets a
 * dense layer read each weight row once per sample. Buffers grow as needed and are reused; not thread-safe.
 */
final class InputLists {
    int inputs;
    int[] start = new int[1];
    int[] step = new int[0];
    float[] value = new float[0];

    /**
     * Regroups a tensor's nonzero entries (its events when binary).
     *
     * @param x the tensor; not modified
     */
    void fill(Tensor x) {
        int n = x.size();
        int steps = x.steps();
        inputs = n;
        if (start.length < n + 1) {
            start = new int[n + 1];
        } else {
            java.util.Arrays.fill(start, 0, n + 1, 0);
        }
        float[] xd = x.data();
        if (x.binary()) {
            int[] idx = x.eventIndex();
            int total = x.eventCount();
            for (int e = 0; e < total; e++) {
                start[idx[e] + 1]++;
            }
            prefix(n, total);
            int[] st = x.eventStart();
            for (int t = 0; t < steps; t++) {
                for (int e = st[t]; e < st[t + 1]; e++) {
                    int k = start[idx[e]]++;
                    step[k] = t;
                    value[k] = 1f;
                }
            }
        } else {
            int total = 0;
            for (int t = 0; t < steps; t++) {
                int xb = t * n;
                for (int i = 0; i < n; i++) {
                    if (xd[xb + i] != 0f) {
                        start[i + 1]++;
                        total++;
                    }
                }
            }
            prefix(n, total);
            for (int t = 0; t < steps; t++) {
                int xb = t * n;
                for (int i = 0; i < n; i++) {
                    float v = xd[xb + i];
                    if (v != 0f) {
                        int k = start[i]++;
                        step[k] = t;
                        value[k] = v;
                    }
                }
            }
        }
        // start[i] now holds the end of input i's entries: shift back
        for (int i = n; i > 0; i--) {
            start[i] = start[i - 1];
        }
        start[0] = 0;
    }

    /** Turns the counts in {@code start[1..n]} into starts and sizes the entry buffers. */
    private void prefix(int n, int total) {
        for (int i = 0; i < n; i++) {
            start[i + 1] += start[i];
        }
        if (step.length < total) {
            int cap = Math.max(total, step.length * 2);
            step = new int[cap];
            value = new float[cap];
        }
    }
}
