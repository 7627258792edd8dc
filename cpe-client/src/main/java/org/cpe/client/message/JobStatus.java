package org.cpe.client.message;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** {@code JOB_STATUS}: the answer to {@code GET_JOB_STATUS}. */
public final class JobStatus extends CpeMessage {

    JobStatus(ObjectNode json, String receiptHandle) {
        super(json, receiptHandle);
    }

    /** The job: its status, times, progress, steps and result or failure. */
    public JobState job() {
        return JobState.of(data().path("job"));
    }
}
