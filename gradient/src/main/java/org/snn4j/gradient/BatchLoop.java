package org.snn4j.gradient;

import java.util.function.IntConsumer;

/**
 * Runs independent items, possibly on several threads, and returns when all are done (the {@link Trainer} hands
 * its thread team to {@link BatchLayer}s this way). The items must not depend on each other or on the order they
 * run in.
 */
@FunctionalInterface
public interface BatchLoop {

    /**
     * Runs {@code body} for every item {@code 0 .. n - 1}.
     *
     * @param n    number of items, &gt;= 0
     * @param body the work of one item
     */
    void forEach(int n, IntConsumer body);

    /** Runs the items one after another on the calling thread. */
    static BatchLoop serial() {
        return (n, body) -> {
            for (int i = 0; i < n; i++) {
                body.accept(i);
            }
        };
    }
}
