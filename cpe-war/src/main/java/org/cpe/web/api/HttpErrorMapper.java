package org.cpe.web.api;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.Locale;

/**
 * The API's HTTP-level refusals (no such resource, a method or media type it does not take, a body it cannot read)
 * as JSON {@link ApiError}s with their status, instead of the server's HTML error page.
 */
@Provider
public class HttpErrorMapper implements ExceptionMapper<WebApplicationException> {

    @Context
    UriInfo uri;

    @Override
    public Response toResponse(WebApplicationException exception) {
        int status = exception.getResponse().getStatus();
        Response.Status known = Response.Status.fromStatusCode(status);
        String error = known == null ? "HTTP_" + status : known.name().toUpperCase(Locale.ROOT);
        String path = uri == null ? "" : " /api/" + uri.getPath();
        String message =
                switch (status) {
                    case 404 -> "Nothing at" + path + "; the API's resources are listed in /openapi";
                    case 405 -> "The resource" + path + " does not take this method";
                    case 406 -> "The resource" + path + " answers JSON (Accept: application/json)";
                    case 415 -> "The resource" + path + " does not take this content type";
                    default -> known == null ? "HTTP " + status : known.getReasonPhrase();
                };
        return new ApiError(error, message).response(status);
    }
}
