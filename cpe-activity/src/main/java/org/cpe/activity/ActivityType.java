package org.cpe.activity;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The SWF activity type an {@link Activity} implementation serves, and the defaults registered with the type. Two
 * implementations of one name and version stop the deployment. Timeouts are SWF durations: whole seconds as text,
 * or {@code NONE} for no limit; a plan's own timeouts, when it sets them, win over these defaults.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface ActivityType {

    /** The type's name, as plans name it. */
    String name();

    /** The type's version. */
    String version();

    /** Shown with the registered type. */
    String description() default "";

    /** How heartbeats go out while a task runs. */
    Heartbeats heartbeats() default Heartbeats.AUTOMATIC;

    String defaultHeartbeatTimeout() default "60";

    String defaultStartToCloseTimeout() default "NONE";

    String defaultScheduleToStartTimeout() default "NONE";

    String defaultScheduleToCloseTimeout() default "NONE";

    /** Who keeps a running task's heartbeats going. */
    enum Heartbeats {
        /** The worker heartbeats on its own while the task runs, so only the start-to-close timeout ends a hang. */
        AUTOMATIC,
        /**
         * The worker heartbeats only after the activity showed life ({@link ActivityContext#heartbeat()} or any
         * report), so SWF times out a task that stopped making progress and the plan's retry policy takes over.
         */
        MANUAL
    }
}
