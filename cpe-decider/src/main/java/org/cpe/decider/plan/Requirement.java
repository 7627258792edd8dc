package org.cpe.decider.plan;

/** A step waits for {@code step} to end with {@code status}; a plain name in YAML means {@code completed}. */
public record Requirement(String step, StepStatus status) {}
