package org.cpe.client.message;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** {@code JOB_START_FAILED}: a {@code START_JOB} was refused, such as for an unknown workflow type; the job never starts. */
public final class JobStartFailed extends Rejection {

    JobStartFailed(ObjectNode json, String receiptHandle) {
        super(json, receiptHandle);
    }

    @Override
    public boolean endsJob() {
        return true;
    }
}
