package org.cpe.config;

import java.util.List;
import java.util.stream.Collectors;

/** Thrown when the configuration cannot be used; its message lists every problem found, one per line. */
public class InvalidConfigurationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient List<ConfigProblem> problems;

    public InvalidConfigurationException(List<ConfigProblem> problems) {
        super(message(problems));
        this.problems = List.copyOf(problems);
    }

    public List<ConfigProblem> problems() {
        return problems;
    }

    private static String message(List<ConfigProblem> problems) {
        if (problems.size() == 1) {
            return "Invalid CPE configuration: " + problems.get(0).describe();
        }
        return problems.stream()
                .map(p -> "  - " + p.describe())
                .collect(Collectors.joining(
                        "\n", "Invalid CPE configuration (" + problems.size() + " problems):\n", ""));
    }
}
