package org.cpe.swf.engine;

import java.util.List;
import software.amazon.awssdk.services.swf.model.ActivityType;
import software.amazon.awssdk.services.swf.model.RegistrationStatus;
import software.amazon.awssdk.services.swf.model.SwfException;
import software.amazon.awssdk.services.swf.model.TaskList;
import software.amazon.awssdk.services.swf.model.WorkflowType;

/** Member constraints checked as SWF's API layer does, each failure a {@code ValidationException} naming the member. */
final class Check {

    private static final long ONE_YEAR_SECONDS = 365L * 24 * 60 * 60;

    private Check() {}

    static String required(String value, String member) {
        if (value == null || value.isEmpty()) {
            throw fail(member, "Member must not be null");
        }
        return value;
    }

    static <T> T required(T value, String member) {
        if (value == null) {
            throw fail(member, "Member must not be null");
        }
        return value;
    }

    static String name(String value, String member) {
        required(value, member);
        length(value, member, Limits.NAME);
        if (value.contains(":")
                || value.contains("/")
                || value.contains("|")
                || value.contains("arn")
                || value.chars().anyMatch(c -> c <= 0x1f || (c >= 0x7f && c <= 0x9f))) {
            throw fail(member, "Member must not contain ':', '/', '|', control characters or the literal 'arn'");
        }
        return value;
    }

    static String optionalName(String value, String member) {
        return value == null ? null : name(value, member);
    }

    static String length(String value, String member, int max) {
        if (value != null && value.length() > max) {
            throw fail(member, "Member must have length less than or equal to " + max);
        }
        return value;
    }

    static String data(String value, String member) {
        return length(value, member, Limits.DATA);
    }

    static String identity(String value) {
        return length(value, "identity", Limits.NAME);
    }

    static String reason(String value, String member) {
        return length(value, member, Limits.NAME);
    }

    static String taskList(TaskList taskList, String member) {
        required(taskList, member);
        return name(taskList.name(), member + ".name");
    }

    static TaskList optionalTaskList(TaskList taskList, String member) {
        if (taskList != null) {
            name(taskList.name(), member + ".name");
        }
        return taskList;
    }

    static WorkflowType workflowType(WorkflowType type, String member) {
        required(type, member);
        name(type.name(), member + ".name");
        length(required(type.version(), member + ".version"), member + ".version", 64);
        return type;
    }

    static ActivityType activityType(ActivityType type, String member) {
        required(type, member);
        name(type.name(), member + ".name");
        length(required(type.version(), member + ".version"), member + ".version", 64);
        return type;
    }

    static List<String> tags(List<String> tags) {
        if (tags == null) {
            return List.of();
        }
        if (tags.size() > Limits.TAGS) {
            throw fail("tagList", "Member must have length less than or equal to " + Limits.TAGS);
        }
        tags.forEach(tag -> length(tag, "tagList.member", Limits.NAME));
        return List.copyOf(tags);
    }

    /** SWF's durations: a whole number of seconds or NONE, at most 8 characters (so no deadline overflows). */
    static String duration(String value, String member) {
        length(value, member, 8);
        if (value != null && !Durations.isValid(value)) {
            throw fail(member, "Member must be a whole number of seconds or NONE");
        }
        return value;
    }

    /** A run's start-to-close timeout: SWF takes no NONE for it, and at most a year. */
    static String executionTimeout(String value, String member) {
        duration(value, member);
        if (value != null && (Durations.NONE.equals(value) || Long.parseLong(value) > ONE_YEAR_SECONDS)) {
            throw fail(member, "Member must be a whole number of seconds up to one year (" + ONE_YEAR_SECONDS + ")");
        }
        return value;
    }

    static String priority(String value, String member) {
        if (value != null) {
            try {
                Integer.parseInt(value);
            } catch (NumberFormatException e) {
                throw fail(member, "Member must be an integer between -2147483648 and 2147483647");
            }
        }
        return value;
    }

    static RegistrationStatus registrationStatus(String value) {
        RegistrationStatus status = RegistrationStatus.fromValue(required(value, "registrationStatus"));
        if (status == RegistrationStatus.UNKNOWN_TO_SDK_VERSION) {
            throw fail("registrationStatus", "Member must satisfy enum value set: [REGISTERED, DEPRECATED]");
        }
        return status;
    }

    static int pageSize(Integer maximumPageSize) {
        if (maximumPageSize == null || maximumPageSize == 0) {
            return Limits.PAGE;
        }
        if (maximumPageSize < 0 || maximumPageSize > Limits.PAGE) {
            throw fail("maximumPageSize", "Member must have value between 0 and " + Limits.PAGE);
        }
        return maximumPageSize;
    }

    static SwfException fail(String member, String constraint) {
        return SwfFaults.validation(
                "1 validation error detected: Value at '" + member + "' failed to satisfy constraint: " + constraint);
    }
}
