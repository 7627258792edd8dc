package org.cpe.decider.plan;

/** The SWF workflow type a plan serves. */
public record PlanKey(String name, String version) {

    @Override
    public String toString() {
        return name + " " + version;
    }
}
