package org.cpe.web.api;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** A refused or failed API request: a code to act on and a sentence to read; never a stack trace. */
public record ApiError(String error, String message) {

    /** The response carrying this error with {@code status}. */
    public Response response(int status) {
        return Response.status(status)
                .type(MediaType.APPLICATION_JSON)
                .entity(this)
                .build();
    }

    static Response of(Response.Status status, String error, String message) {
        return new ApiError(error, message).response(status.getStatusCode());
    }
}
