package org.cpe.client.message;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** {@code JOB_LIST}: the answer to {@code GET_JOB_LIST}, one page of the client's jobs. */
public final class JobList extends CpeMessage {

    JobList(ObjectNode json, String receiptHandle) {
        super(json, receiptHandle);
    }

    /** The jobs of this page, open ones first, newest first. */
    public List<JobSummary> jobs() {
        return JobSummary.list(data().path("jobs"));
    }

    /** The token for the next page, or null on the last page. */
    public String nextPageToken() {
        return Fields.text(data(), "nextPageToken");
    }
}
