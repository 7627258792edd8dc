package org.cpe.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The ActivityPoller role: which of the deployed activity types it runs ({@code types}: empty means all of them),
 * how many tasks of each type run at once and how many polls each task list keeps open by default, the longest wait
 * between two heartbeats of a task, the shortest between two progress messages of a task, and the step of progress
 * (in percent) at which a task's progress is signaled to its workflow for status queries. Per type, the task
 * list, slots and pollers can be set under {@code cpe.activity.<name>.<version>.*}: see {@link #forType}.
 */
public record ActivityPollerSettings(
        List<TypeRef> types,
        int slots,
        int pollers,
        Duration heartbeatInterval,
        Duration progressInterval,
        int progressSignalPercent) {

    public static final String TYPES_KEY = "cpe.activity-poller.types";

    /** The default of {@code cpe.activity-poller.progress-signal-percent}. */
    public static final int PROGRESS_SIGNAL_PERCENT = 10;

    public ActivityPollerSettings {
        types = List.copyOf(types);
    }

    /** With the default progress signals. */
    public ActivityPollerSettings(
            List<TypeRef> types, int slots, int pollers, Duration heartbeatInterval, Duration progressInterval) {
        this(types, slots, pollers, heartbeatInterval, progressInterval, PROGRESS_SIGNAL_PERCENT);
    }

    /** A type named in {@link #TYPES_KEY}: {@code Name:version}, or {@code Name} for any version. */
    public record TypeRef(String name, Optional<String> version) {

        public boolean matches(String otherName, String otherVersion) {
            return name.equals(otherName) && version.map(otherVersion::equals).orElse(true);
        }

        @Override
        public String toString() {
            return name + version.map(v -> ":" + v).orElse("");
        }
    }

    /** Where one activity type is polled and how many of its tasks run at once. */
    public record TypeSettings(String taskList, int slots, int pollers) {}

    static ActivityPollerSettings read(ConfigReader reader) {
        List<TypeRef> types = new ArrayList<>();
        List<String> items = reader.list(TYPES_KEY);
        if (!(items.size() == 1 && items.get(0).equals("*"))) {
            for (String item : items) {
                int colon = item.indexOf(':');
                String name = colon < 0 ? item : item.substring(0, colon).trim();
                String version = colon < 0 ? null : item.substring(colon + 1).trim();
                if (name.isEmpty() || "*".equals(name) || (version != null && version.isEmpty())) {
                    reader.problem(
                            TYPES_KEY,
                            String.join(",", items),
                            "'" + item + "' is not an activity type",
                            "* for every deployed activity, or a comma list of Name:version (or Name for every"
                                    + " version), such as Checksum:1,Thumbnail");
                    continue;
                }
                types.add(new TypeRef(name, Optional.ofNullable(version)));
            }
        }
        return new ActivityPollerSettings(
                types,
                reader.integer("cpe.activity-poller.slots", 1, 10_000),
                reader.integer("cpe.activity-poller.pollers", 1, 64),
                reader.seconds("cpe.activity-poller.heartbeat-seconds", 1, 3600),
                reader.millis("cpe.activity-poller.progress-interval-ms", 0, 3_600_000),
                reader.integer("cpe.activity-poller.progress-signal-percent", 0, 100));
    }

    /** Whether this server runs the type: every type when {@link #types} is empty. */
    public boolean runs(String name, String version) {
        return types.isEmpty() || types.stream().anyMatch(t -> t.matches(name, version));
    }

    /** The key of one type's setting, such as {@code cpe.activity.Checksum.1.slots}. */
    public static String typeKey(String name, String version, String setting) {
        return "cpe.activity." + name + "." + version + "." + setting;
    }

    /**
     * One type's settings: {@code cpe.activity.<name>.<version>.task-list} (default {@code <name>-<version>}, as the
     * Decider's), {@code .slots} and {@code .pollers} (defaults: this role's). Bad values become problems of
     * {@code reader}.
     */
    public TypeSettings forType(ConfigReader reader, String name, String version) {
        String taskListKey = typeKey(name, version, "task-list");
        String taskList = reader.optional(taskListKey).orElse(name + "-" + version);
        if (!taskList.matches("[^:/|\\p{Cntrl}]{1,256}")) {
            reader.problem(
                    taskListKey,
                    taskList,
                    "is not a valid SWF task list name",
                    "1-256 characters without" + " ':', '/', '|'");
        }
        int typeSlots = reader.optional(typeKey(name, version, "slots")).isPresent()
                ? reader.integer(typeKey(name, version, "slots"), 1, 10_000)
                : slots;
        int typePollers = reader.optional(typeKey(name, version, "pollers")).isPresent()
                ? reader.integer(typeKey(name, version, "pollers"), 1, 64)
                : pollers;
        return new TypeSettings(taskList, typeSlots, Math.min(typePollers, typeSlots));
    }
}
