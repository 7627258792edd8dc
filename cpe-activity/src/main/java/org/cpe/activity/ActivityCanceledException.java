package org.cpe.activity;

/** Thrown by {@link ActivityContext#throwIfCancelRequested()}: the task ends as canceled. */
public class ActivityCanceledException extends ActivityException {

    private static final long serialVersionUID = 1L;

    public ActivityCanceledException(String details) {
        super(ActivityReasons.CANCELED, details);
    }
}
