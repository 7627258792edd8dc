package org.cpe.swf.engine;

import java.util.ArrayList;
import java.util.List;

/**
 * What a call must do to other executions once its own execution's lock is released: start a child, tell a parent,
 * deliver a signal. Holding one execution's lock while taking another's could deadlock, so these wait.
 */
final class Work {

    private final List<Runnable> actions = new ArrayList<>();

    void later(Runnable action) {
        actions.add(action);
    }

    void run() {
        for (int i = 0; i < actions.size(); i++) {
            actions.get(i).run(); // an action may add more
        }
    }
}
