package org.cpe.micro;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

/** Deployed by AllInOneIT only: an API resource that fails, to see what a client is told. */
@Path("test-failure")
public class FailingResource {

    static final String SECRET = "internal detail 42";

    @GET
    public String fail() {
        throw new IllegalStateException(SECRET);
    }
}
