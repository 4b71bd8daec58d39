package org.snn4j.examples.papers;

import java.util.concurrent.Semaphore;

/**
 * One helper thread that runs half of a job while the caller runs the other half (fork-join of two,
 * reused for every sample, so a sequential learning loop can use a second core inside one sample). The
 * hand-over (two semaphores) gives the needed happens-before edges: the helper sees what the caller wrote
 * before {@link #run}, and the caller sees the helper's writes after it returns.
 *
 * <p>Used by one caller thread at a time. Close it to stop the helper.
 */
public final class SideThread implements AutoCloseable {
    private final Semaphore start = new Semaphore(0);
    private final Semaphore done = new Semaphore(0);
    private final Thread thread;
    private Runnable job;
    private Throwable failure;
    private boolean closed;

    /** Starts the helper thread, named {@code name}. */
    public SideThread(String name) {
        thread = new Thread(this::loop, name);
        thread.setDaemon(true);
        thread.start();
    }

    private void loop() {
        while (true) {
            start.acquireUninterruptibly();
            if (closed) {
                return;
            }
            try {
                job.run();
            } catch (Throwable t) {
                failure = t;
            }
            done.release();
        }
    }

    /**
     * Runs {@code side} on the helper and {@code mine} on the calling thread, and returns when both are done.
     *
     * @throws IllegalStateException wrapping a failure of {@code side}
     */
    public void run(Runnable side, Runnable mine) {
        job = side;
        failure = null;
        start.release();
        try {
            mine.run();
        } finally {
            done.acquireUninterruptibly();
        }
        if (failure != null) {
            throw new IllegalStateException("helper thread failed: " + failure, failure);
        }
    }

    @Override
    public void close() {
        closed = true;
        start.release();
    }
}
