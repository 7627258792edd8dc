package org.cpe.aws;

import software.amazon.awssdk.services.swf.SwfClient;

/**
 * This server's own SWF service, for {@code cpe.swf.endpoint=embedded}: the embedded SWF role provides it, and in the
 * same JVM the roles skip HTTP. An application without that role has none, and must name an SWF endpoint by URL or
 * use AWS.
 */
public interface LocalSwf {

    /** An in-process client of the running service, answering with the same SDK objects as over HTTP. */
    SwfClient client();
}
