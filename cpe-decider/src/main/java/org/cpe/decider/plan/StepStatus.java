package org.cpe.decider.plan;

import java.util.Locale;
import java.util.Optional;

/**
 * The status a step's requirement waits for, as in the original plan format. {@code completed} is any end (succeeded,
 * failed or skipped), as the original's bit flags made it; the others are one end each.
 */
public enum StepStatus {
    COMPLETED,
    SUCCEEDED,
    FAILED,
    SKIPPED;

    /** Whether a parent that ended with {@code end} satisfies this requirement. */
    public boolean satisfiedBy(StepEnd end) {
        return switch (this) {
            case COMPLETED -> true;
            case SUCCEEDED -> end == StepEnd.SUCCEEDED;
            case FAILED -> end == StepEnd.FAILED;
            case SKIPPED -> end == StepEnd.SKIPPED;
        };
    }

    public String yamlName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<StepStatus> parse(String text) {
        for (StepStatus status : values()) {
            if (status.yamlName().equals(text)) {
                return Optional.of(status);
            }
        }
        return Optional.empty();
    }
}
