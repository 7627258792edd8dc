package org.cpe.builtin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.TimeUnit;
import org.cpe.activity.Activity;
import org.cpe.activity.ActivityCanceledException;
import org.cpe.activity.ActivityContext;
import org.cpe.activity.ActivityException;
import org.cpe.activity.ActivityTask;
import org.cpe.activity.ActivityType;

/**
 * Behaves as told, for tests and demos. Input (all optional) {@code {"sleepMs": 0, "steps": 1, "fail": {"reason",
 * "details"}, "crash": "message", "stallMs": 0, "echo": <any>}}: it sleeps {@code sleepMs} in {@code steps} equal
 * steps, reporting progress (and so heartbeating) after each; then stalls {@code stallMs} without a word, so that
 * SWF's heartbeat timeout fires as for a stuck activity; then fails, crashes, or returns {@code {"echo", "steps",
 * "sleptMs"}}. Heartbeats are manual, so a single step longer than the heartbeat timeout times out too.
 */
@ApplicationScoped
@ActivityType(
        name = "Test",
        version = "1",
        heartbeats = ActivityType.Heartbeats.MANUAL,
        defaultHeartbeatTimeout = "60",
        description = "sleeps, reports progress, fails or stalls on command; for tests and demos")
public class TestActivity implements Activity {

    static final long MAX_MILLIS = 86_400_000L;
    static final int MAX_STEPS = 10_000;
    static final String DEFAULT_REASON = "TEST_FAILURE";
    static final String DEFAULT_DETAILS = "failed on command";

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public JsonNode execute(ActivityTask task, ActivityContext context) throws ActivityException {
        JsonNode input = Inputs.object(task);
        long sleepMs = Inputs.number(input, "sleepMs", 0, 0, MAX_MILLIS);
        int steps = (int) Inputs.number(input, "steps", 1, 1, MAX_STEPS);
        long stallMs = Inputs.number(input, "stallMs", 0, 0, MAX_MILLIS);
        ActivityException failure = failure(input);
        String crash = Inputs.text(input, "crash");

        long started = System.nanoTime();
        for (int step = 1; step <= steps; step++) {
            context.throwIfCancelRequested();
            // Each step sleeps up to its share of the total, so the steps add up to sleepMs exactly.
            sleep(sleepMs * step / steps - sleepMs * (step - 1) / steps);
            context.progress(step * 100 / steps);
        }
        if (stallMs > 0) {
            context.throwIfCancelRequested();
            sleep(stallMs);
        }
        long sleptMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

        if (failure != null) {
            throw failure;
        }
        if (crash != null) {
            throw new IllegalStateException(crash);
        }
        ObjectNode result = JSON.createObjectNode();
        result.set("echo", input.has("echo") ? input.get("echo") : NullNode.getInstance());
        return result.put("steps", steps).put("sleptMs", sleptMs);
    }

    /** The failure {@code fail} asks for: an object with optional {@code reason} and {@code details}, or null. */
    private static ActivityException failure(JsonNode input) throws ActivityException {
        if (!Inputs.present(input, "fail")) {
            return null;
        }
        JsonNode fail = input.get("fail");
        if (!fail.isObject()) {
            throw Inputs.invalid(
                    "\"fail\" must be an object such as {\"reason\": \"X\", \"details\": \"why\"}, not " + fail);
        }
        String reason = Inputs.text(fail, "reason");
        String details = Inputs.text(fail, "details");
        return new ActivityException(
                reason == null || reason.isBlank() ? DEFAULT_REASON : reason,
                details == null ? DEFAULT_DETAILS : details);
    }

    private static void sleep(long millis) throws ActivityCanceledException {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            // The worker interrupts on cancellation and on shutdown; either way the task stops here.
            Thread.currentThread().interrupt();
            throw new ActivityCanceledException("interrupted");
        }
    }
}
