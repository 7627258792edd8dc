package org.cpe.builtin;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.cpe.activity.ActivityCanceledException;
import org.cpe.activity.ActivityContext;
import org.cpe.activity.access.OutboundHttp;
import org.cpe.activity.access.OutboundPolicy;
import org.cpe.activity.access.StorageRoots;

/**
 * An {@link ActivityContext} that records every report in order and is canceled when a test says so; its storage
 * roots and outbound addresses are the strictest unless a test gives its own, as an operator would.
 */
final class RecordingContext implements ActivityContext {

    private final List<String> reports = new CopyOnWriteArrayList<>();
    private final List<Runnable> cancelActions = new CopyOnWriteArrayList<>();
    private final AtomicBoolean cancelRequested = new AtomicBoolean();
    private volatile StorageRoots roots = StorageRoots.none();
    private volatile OutboundHttp web = OutboundHttp.publicOnly();

    /** Lets jobs write and replace files under {@code folder}. */
    RecordingContext withRoot(Path folder) {
        roots = StorageRoots.of(new StorageRoots.Root(folder, StorageRoots.Access.OVERWRITE));
        return this;
    }

    /** Lets jobs fetch from {@code entries} too, as cpe.security.outbound-allow does. */
    RecordingContext allowing(String... entries) {
        web = new OutboundHttp(OutboundPolicy.allowing(List.of(entries)));
        return this;
    }

    @Override
    public StorageRoots files() {
        return roots;
    }

    @Override
    public OutboundHttp web() {
        return web;
    }

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
