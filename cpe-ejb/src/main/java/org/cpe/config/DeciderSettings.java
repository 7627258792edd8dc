package org.cpe.config;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Optional;

/**
 * The Decider role: the SWF domain CPE's workflows live in, the decision task list it polls, the folder of plan files
 * it loads besides the packaged ones, how many decision tasks it works on at once, and how it looks for workflows that
 * timed out: every {@code timeoutWatch} (zero: never), reaching back {@code timeoutLookback} at start.
 */
public record DeciderSettings(
        String domain,
        String taskList,
        Optional<Path> plansDir,
        int threads,
        Duration timeoutWatch,
        Duration timeoutLookback) {

    /** The defaults for what the tests do not care about: a watch every 5 s, 5 minutes back. */
    public DeciderSettings(String domain, String taskList, Optional<Path> plansDir, int threads) {
        this(domain, taskList, plansDir, threads, Duration.ofSeconds(5), Duration.ofMinutes(5));
    }

    static DeciderSettings read(ConfigReader reader) {
        String domain = reader.text("cpe.swf.domain");
        checkName(reader, "cpe.swf.domain", domain);
        String taskList = reader.text("cpe.decider.task-list");
        checkName(reader, "cpe.decider.task-list", taskList);
        Optional<Path> plans = reader.optional("cpe.decider.plans-dir").map(Paths::get);
        return new DeciderSettings(
                domain,
                taskList,
                plans,
                reader.integer("cpe.decider.threads", 1, 64),
                reader.seconds("cpe.decider.timeout-watch-seconds", 0, 3600),
                reader.seconds("cpe.decider.timeout-lookback-seconds", 0, 365 * 86400));
    }

    /** SWF's rule for domain and task list names: 1-256 characters, none of : / | or control characters. */
    private static void checkName(ConfigReader reader, String key, String value) {
        if (value != null && !value.matches("[^:/|\\p{Cntrl}]{1,256}")) {
            reader.problem(key, value, "is not a valid SWF name", "1-256 characters without ':', '/', '|'");
        }
    }
}
