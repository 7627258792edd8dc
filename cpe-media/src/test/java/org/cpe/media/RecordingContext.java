package org.cpe.media;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.cpe.activity.ActivityCanceledException;
import org.cpe.activity.ActivityContext;
import org.cpe.activity.access.OutboundHttp;
import org.cpe.activity.access.OutboundPolicy;
import org.cpe.activity.access.StorageRoots;

/**
 * An {@link ActivityContext} that records what the activity reported and can be canceled, for unit tests; its storage
 * roots and outbound addresses are the strictest unless the test gives its own, as an operator would.
 */
final class RecordingContext implements ActivityContext {

    final List<Object> progress = new CopyOnWriteArrayList<>();
    final List<String> events = new CopyOnWriteArrayList<>();
    private final List<Runnable> cancelActions = new CopyOnWriteArrayList<>();
    private volatile boolean canceled;
    private volatile Thread worker;
    private volatile StorageRoots roots = StorageRoots.none();
    private volatile OutboundHttp web = OutboundHttp.publicOnly();

    /** Lets jobs read, write and replace files under {@code folders}. */
    RecordingContext withRoots(Path... folders) {
        roots = StorageRoots.of(Stream.of(folders)
                .map(folder -> new StorageRoots.Root(folder, StorageRoots.Access.OVERWRITE))
                .toList());
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

    /** Cancels as the worker does: the flag, the cancel actions, and an interrupt of the activity's thread. */
    void cancel() {
        canceled = true;
        cancelActions.forEach(Runnable::run);
        if (worker != null) {
            worker.interrupt();
        }
    }

    void runningOn(Thread thread) {
        worker = thread;
    }

    @Override
    public void preparing() {
        events.add("PREPARING");
    }

    @Override
    public void preparing(Object details) {
        events.add("PREPARING");
    }

    @Override
    public void progress(int percent) {
        progress.add(percent);
    }

    @Override
    public void progress(Object details) {
        progress.add(details);
    }

    @Override
    public void finishing() {
        events.add("FINISHING");
    }

    @Override
    public void finishing(Object details) {
        events.add("FINISHING");
    }

    @Override
    public void heartbeat() {}

    @Override
    public void heartbeatDetails(String details) {}

    @Override
    public boolean isCancelRequested() {
        return canceled;
    }

    @Override
    public void throwIfCancelRequested() throws ActivityCanceledException {
        if (canceled) {
            throw new ActivityCanceledException("canceled by the test");
        }
    }

    @Override
    public void onCancel(Runnable action) {
        cancelActions.add(action);
        if (canceled) {
            action.run();
        }
    }
}
