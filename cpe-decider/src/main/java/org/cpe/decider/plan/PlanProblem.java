package org.cpe.decider.plan;

/** One reason a plan was rejected: the file, where in it (a path such as {@code steps[2] "Transcode"}) and why. */
public record PlanProblem(String source, String where, String reason) {

    @Override
    public String toString() {
        return source + ": " + (where.isEmpty() ? "" : where + ": ") + reason;
    }
}
