package org.cpe.metrics;

import java.time.Duration;

/**
 * What the loops count and time, for {@code /metrics}. The loops call it on their hot paths, so an implementation
 * must be cheap and thread-safe; {@link #NONE} counts nothing (plain tests and benchmarks).
 */
public interface CpeMetrics {

    CpeMetrics NONE = new CpeMetrics() {};

    /** A poll of {@code role} ({@code decider}, {@code activity-poller}) came back without a task. */
    default void emptyPoll(String role) {}

    /** A worker took a task of {@code type} ({@code Name:version}). */
    default void activityPolled(String type) {}

    /** A task of {@code type} ended: {@code completed}, {@code failed} or {@code canceled}, after {@code took}. */
    default void activityEnded(String type, String outcome, Duration took) {}

    /** The Decider answered a decision task {@code took} after it was polled. */
    default void decided(Duration took) {}
}
