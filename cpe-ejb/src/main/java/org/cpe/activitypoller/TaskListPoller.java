package org.cpe.activitypoller;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.cpe.loop.PollCycle;
import org.cpe.loop.StopSignal;
import software.amazon.awssdk.services.swf.SwfClient;
import software.amazon.awssdk.services.swf.model.PollForActivityTaskResponse;

/**
 * One poll loop's turn on one task list: take a free slot first (an SWF task's timeouts run from the moment it is
 * handed out, so a worker never takes one it cannot start), long-poll, and hand the task over with its slot. An empty
 * poll gives the slot back.
 */
final class TaskListPoller implements PollCycle {

    private static final long SLOT_WAIT_MILLIS = 250;

    private final SwfClient swf;
    private final ActivityWorker worker;
    private final String domain;
    private final String taskList;
    private final Semaphore slots;

    TaskListPoller(SwfClient swf, ActivityWorker worker, String domain, String taskList, Semaphore slots) {
        this.swf = swf;
        this.worker = worker;
        this.domain = domain;
        this.taskList = taskList;
        this.slots = slots;
    }

    @Override
    public void pollOnce(StopSignal stop) throws InterruptedException {
        worker.ensureRegistered();
        if (!slots.tryAcquire(SLOT_WAIT_MILLIS, TimeUnit.MILLISECONDS)) {
            return;
        }
        boolean handedOver = false;
        try {
            if (stop.isTriggered() || worker.closing()) {
                return;
            }
            PollForActivityTaskResponse polled = swf.pollForActivityTask(
                    r -> r.domain(domain).taskList(t -> t.name(taskList)).identity(worker.identity()));
            worker.polled(taskList);
            if (polled.taskToken() == null || polled.taskToken().isEmpty()) {
                worker.metrics().emptyPoll("activity-poller");
                return;
            }
            worker.metrics()
                    .activityPolled(polled.activityType().name() + ":"
                            + polled.activityType().version());
            handedOver = true;
            worker.dispatch(polled, slots);
        } finally {
            if (!handedOver) {
                slots.release();
            }
        }
    }
}
