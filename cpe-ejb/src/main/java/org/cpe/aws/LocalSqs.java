package org.cpe.aws;

import java.net.URI;

/**
 * This server's own SQS, for {@code cpe.sqs.endpoint=embedded}: the embedded SQS role provides it. An application
 * without that role (a worker on its own) has none, and must name an SQS endpoint by URL or use AWS.
 */
public interface LocalSqs {

    /** Where this server's own roles reach the running embedded SQS, with no signature check in between. */
    URI localEndpoint();
}
