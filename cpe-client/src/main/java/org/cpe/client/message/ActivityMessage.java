package org.cpe.client.message;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** A message about one step of a job: {@code data.activity} names the step ({@code activityId}) and its type. */
public abstract class ActivityMessage extends CpeMessage {

    protected ActivityMessage(ObjectNode json, String receiptHandle) {
        super(json, receiptHandle);
    }

    /** The step's name in the plan, which is its SWF activityId. */
    public String activityId() {
        return Fields.text(activity(), "activityId");
    }

    /** The step's activity type. */
    public TypeRef activityType() {
        return TypeRef.of(activity().get("activityType"), Fields.text(activity(), "activityVersion"));
    }

    /** The attempt this message is about (1 for the first), when the message says. */
    public Integer attempt() {
        return Fields.integer(activity(), "attempt");
    }

    /** {@code data.activity} as it came. */
    public JsonNode activity() {
        return data().path("activity");
    }

    /** {@code data.activity.result}: the report's details, the result, or the failure; null when absent. */
    protected JsonNode activityResult() {
        return Fields.node(activity(), "result");
    }
}
