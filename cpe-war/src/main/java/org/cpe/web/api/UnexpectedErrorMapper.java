package org.cpe.web.api;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Any other failure of an API request: logged in full with an incident id, and answered 500 with that id alone, so that
 * no stack trace or internal detail reaches the client.
 */
@Provider
public class UnexpectedErrorMapper implements ExceptionMapper<Throwable> {

    private static final Logger LOG = Logger.getLogger(UnexpectedErrorMapper.class.getName());

    @Override
    public Response toResponse(Throwable exception) {
        String incident = UUID.randomUUID().toString();
        LOG.log(Level.SEVERE, "API request failed, incident " + incident, exception);
        return new ApiError(
                        "INTERNAL_ERROR",
                        "The request failed on the server; its log has the details under incident " + incident)
                .response(500);
    }
}
