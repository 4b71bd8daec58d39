package org.snn4j.layer;

/**
 * Where a presentation is: the current step, the step length, the number of steps, and whether the
 * network is learning. One instance per simulation, updated by the engine before each step; layers
 * and rules read it and never keep it beyond the call.
 */
public final class StepContext {
    private final float dtMs;
    private int step;
    private int steps;
    private boolean learning;

    /** A context with the given step length in ms (> 0). */
    public StepContext(float dtMs) {
        if (!(dtMs > 0f) || Float.isInfinite(dtMs)) {
            throw new IllegalArgumentException("dtMs must be finite and > 0, got " + dtMs);
        }
        this.dtMs = dtMs;
    }

    /** The step length in ms. */
    public float dtMs() {
        return dtMs;
    }

    /** The current step, from 0. */
    public int step() {
        return step;
    }

    /** The number of steps of the current presentation. */
    public int steps() {
        return steps;
    }

    /** Whether learning rules are active in this presentation. */
    public boolean learning() {
        return learning;
    }

    /** Engine use: starts a presentation of {@code steps} steps. */
    public void begin(int steps, boolean learning) {
        if (steps < 0) {
            throw new IllegalArgumentException("steps must be >= 0, got " + steps);
        }
        this.steps = steps;
        this.learning = learning;
        this.step = 0;
    }

    /** Engine use: moves to step {@code t}. */
    public void setStep(int t) {
        this.step = t;
    }
}
