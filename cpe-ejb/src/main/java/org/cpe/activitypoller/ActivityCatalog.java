package org.cpe.activitypoller;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.cpe.activity.Activity;
import org.cpe.activity.ActivityType;
import org.cpe.config.ActivityPollerSettings;

/**
 * The activity implementations deployed with this server, one per activity type. Built from what CDI discovered: a
 * class without {@link ActivityType}, a timeout that is not an SWF duration, or two classes declaring one type is a
 * deployment error that names the classes.
 */
public final class ActivityCatalog {

    private static final int MAX_NAME = 256;
    private static final int MAX_VERSION = 64;

    private final Map<String, Implementation> byType;

    /** One implementation and the type it declared. */
    public record Implementation(ActivityType declaration, Activity activity, Class<?> implementationClass) {

        public String name() {
            return declaration.name();
        }

        public String version() {
            return declaration.version();
        }

        @Override
        public String toString() {
            return name() + " " + version();
        }
    }

    /** A bean CDI found: its class (not a proxy's) and the instance to call. */
    public record Discovered(Class<?> implementationClass, Activity activity) {}

    private ActivityCatalog(Map<String, Implementation> byType) {
        this.byType = byType;
    }

    /** @throws ActivityDeploymentException naming every problem, each duplicate with both classes */
    public static ActivityCatalog of(List<Discovered> discovered) {
        Map<String, Implementation> byType = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        List<Discovered> sorted = new ArrayList<>(discovered);
        sorted.sort(Comparator.comparing(d -> d.implementationClass().getName()));
        for (Discovered d : sorted) {
            ActivityType type = d.implementationClass().getAnnotation(ActivityType.class);
            if (type == null) {
                problems.add(d.implementationClass().getName() + " implements " + Activity.class.getName()
                        + " but does not declare its type with @" + ActivityType.class.getSimpleName()
                        + "(name = ..., version = ...)");
                continue;
            }
            String problem = check(type);
            if (problem != null) {
                problems.add(d.implementationClass().getName() + ": " + problem);
                continue;
            }
            Implementation implementation = new Implementation(type, d.activity(), d.implementationClass());
            Implementation earlier = byType.putIfAbsent(key(type.name(), type.version()), implementation);
            if (earlier != null) {
                problems.add("activity type " + implementation + " is declared by both "
                        + earlier.implementationClass().getName() + " and "
                        + implementation.implementationClass().getName());
            }
        }
        if (!problems.isEmpty()) {
            throw new ActivityDeploymentException(problems);
        }
        return new ActivityCatalog(byType);
    }

    /**
     * The implementations the settings select. A type the settings name that is not deployed is a problem listing the
     * deployed ones.
     */
    public ActivityCatalog select(ActivityPollerSettings settings) {
        List<String> problems = new ArrayList<>();
        for (ActivityPollerSettings.TypeRef ref : settings.types()) {
            if (byType.values().stream().noneMatch(i -> ref.matches(i.name(), i.version()))) {
                problems.add(ActivityPollerSettings.TYPES_KEY + " names " + ref + ", which is not deployed here"
                        + " (deployed: " + describe() + ")");
            }
        }
        if (!problems.isEmpty()) {
            throw new ActivityDeploymentException(problems);
        }
        Map<String, Implementation> selected = new LinkedHashMap<>();
        byType.forEach((key, i) -> {
            if (settings.runs(i.name(), i.version())) {
                selected.put(key, i);
            }
        });
        return new ActivityCatalog(selected);
    }

    public Optional<Implementation> find(String name, String version) {
        return Optional.ofNullable(byType.get(key(name, version)));
    }

    public List<Implementation> all() {
        return List.copyOf(byType.values());
    }

    /** The types, for messages: {@code Checksum 1, Test 1}, or {@code none}. */
    public String describe() {
        return byType.isEmpty()
                ? "none"
                : byType.values().stream().map(Implementation::toString).collect(Collectors.joining(", "));
    }

    private static String key(String name, String version) {
        return name + "\u0000" + version;
    }

    private static String check(ActivityType type) {
        if (!validName(type.name(), MAX_NAME)) {
            return "activity name '" + type.name() + "' is not an SWF name (1-" + MAX_NAME
                    + " characters without ':', '/', '|')";
        }
        if (!validName(type.version(), MAX_VERSION)) {
            return "activity version '" + type.version() + "' is not an SWF version (1-" + MAX_VERSION
                    + " characters without ':', '/', '|')";
        }
        for (String timeout : List.of(
                type.defaultHeartbeatTimeout(),
                type.defaultStartToCloseTimeout(),
                type.defaultScheduleToStartTimeout(),
                type.defaultScheduleToCloseTimeout())) {
            if (!timeout.equals("NONE") && !timeout.matches("\\d{1,9}")) {
                return "timeout '" + timeout + "' is not an SWF duration (whole seconds, or NONE)";
            }
        }
        return null;
    }

    private static boolean validName(String value, int max) {
        return value.length() >= 1
                && value.length() <= max
                && !value.isBlank()
                && value.chars().noneMatch(c -> c == ':' || c == '/' || c == '|' || Character.isISOControl(c));
    }
}
