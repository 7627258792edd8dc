package org.cpe.activitypoller;

import java.util.logging.Level;
import java.util.logging.Logger;
import software.amazon.awssdk.services.swf.SwfClient;
import software.amazon.awssdk.services.swf.model.UnknownResourceException;

/**
 * Answers a task to SWF once, then tells its client. A call that fails is tried again a few times, since an unanswered
 * task waits for its timeout; a task SWF no longer knows (it timed out, or its workflow closed) gets no message, as the
 * Decider reports what happened to it.
 */
final class Answers {

    private static final Logger LOG = Logger.getLogger(Answers.class.getName());
    private static final long[] RETRY_MILLIS = {200, 1000};

    private final SwfClient swf;
    private final ActivityMessages messages;

    Answers(SwfClient swf, ActivityMessages messages) {
        this.swf = swf;
        this.messages = messages;
    }

    void answer(RunningTask task, TaskReply reply) {
        if (!task.claimAnswer()) {
            return;
        }
        messages.closed(task);
        for (int attempt = 0; ; attempt++) {
            try {
                respond(task.token(), reply);
                messages.ended(task, reply);
                return;
            } catch (UnknownResourceException e) {
                LOG.info(() -> "Task " + task.activityId() + " of workflow " + task.workflowId()
                        + " ended after SWF gave up on it ("
                        + e.awsErrorDetails().errorMessage() + ")");
                return;
            } catch (RuntimeException e) {
                if (attempt == RETRY_MILLIS.length) {
                    LOG.log(
                            Level.SEVERE,
                            "Could not answer task " + task.activityId() + " of workflow " + task.workflowId()
                                    + "; SWF will time it out",
                            e);
                    return;
                }
                LOG.log(Level.WARNING, "Answering task " + task.activityId() + " failed; trying again", e);
                if (!pause(RETRY_MILLIS[attempt])) {
                    return;
                }
            }
        }
    }

    private void respond(String token, TaskReply reply) {
        if (reply instanceof TaskReply.Completed c) {
            swf.respondActivityTaskCompleted(r -> r.taskToken(token).result(c.result()));
        } else if (reply instanceof TaskReply.Failed f) {
            swf.respondActivityTaskFailed(
                    r -> r.taskToken(token).reason(f.reason()).details(f.details()));
        } else if (reply instanceof TaskReply.Canceled c) {
            swf.respondActivityTaskCanceled(r -> r.taskToken(token).details(c.details()));
        }
    }

    private static boolean pause(long millis) {
        try {
            Thread.sleep(millis);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
