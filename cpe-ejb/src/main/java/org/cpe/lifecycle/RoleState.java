package org.cpe.lifecycle;

/**
 * The life of one role in this server.
 *
 * <pre>
 * NOT_STARTED -> DISABLED                                   (role not in cpe.roles)
 * NOT_STARTED -> STARTING -> RUNNING <-> BACKING_OFF        (errors back off; a good turn returns to RUNNING)
 *                          \-> FAILED                       (could not start, or its loop died)
 * RUNNING | BACKING_OFF <-> PAUSED                        (an operator paused and resumed its polling)
 * RUNNING | BACKING_OFF | PAUSED -> STOPPING -> STOPPED
 * </pre>
 */
public enum RoleState {
    NOT_STARTED,
    DISABLED,
    STARTING,
    RUNNING,
    BACKING_OFF,
    PAUSED,
    STOPPING,
    STOPPED,
    FAILED;

    /** The role's work has been started (its loop submitted or its service bound), healthy or not. */
    public boolean hasStarted() {
        return this == RUNNING || this == BACKING_OFF || this == PAUSED;
    }
}
