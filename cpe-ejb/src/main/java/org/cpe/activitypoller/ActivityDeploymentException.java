package org.cpe.activitypoller;

import java.util.List;

/** The activities deployed here cannot run as they are: the message names every problem and the classes involved. */
public final class ActivityDeploymentException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    public ActivityDeploymentException(List<String> problems) {
        super("Activity implementations: " + String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
