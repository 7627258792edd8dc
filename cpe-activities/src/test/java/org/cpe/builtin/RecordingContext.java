package org.cpe.builtin;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.cpe.activity.ActivityCanceledException;
import org.cpe.activity.ActivityContext;

/** An {@link ActivityContext} that records every report in order and is canceled when a test says so. */
final class RecordingContext implements ActivityContext {

    private final List<String> reports = new CopyOnWriteArrayList<>();
    private final List<Runnable> cancelActions = new CopyOnWriteArrayList<>();
    private final AtomicBoolean cancelRequested = new AtomicBoolean();

    /** The reports so far, as {@code preparing}, {@code progress 42}, {@code finishing} or {@code heartbeat}. */
    List<String> reports() {
        return List.copyOf(reports);
    }

    /** The percentages of the {@code progress} reports so far. */
    List<Integer> progress() {
        return reports.stream()
                .filter(report -> report.startsWith("progress "))
                .map(report -> Integer.valueOf(report.substring("progress ".length())))
                .toList();
    }

    void requestCancel() {
        if (cancelRequested.compareAndSet(false, true)) {
            cancelActions.forEach(Runnable::run);
        }
    }

    @Override
    public void preparing() {
        reports.add("preparing");
    }

    @Override
    public void preparing(Object details) {
        reports.add("preparing " + details);
    }

    @Override
    public void progress(int percent) {
        reports.add("progress " + percent);
    }

    @Override
    public void progress(Object details) {
        reports.add("progress " + details);
    }

    @Override
    public void finishing() {
        reports.add("finishing");
    }

    @Override
    public void finishing(Object details) {
        reports.add("finishing " + details);
    }

    @Override
    public void heartbeat() {
        reports.add("heartbeat");
    }

    @Override
    public void heartbeatDetails(String details) {
        reports.add("heartbeatDetails " + details);
    }

    @Override
    public boolean isCancelRequested() {
        return cancelRequested.get();
    }

    @Override
    public void throwIfCancelRequested() throws ActivityCanceledException {
        if (isCancelRequested()) {
            throw new ActivityCanceledException("cancel requested");
        }
    }

    @Override
    public void onCancel(Runnable action) {
        cancelActions.add(action);
        if (isCancelRequested()) {
            action.run();
        }
    }
}
