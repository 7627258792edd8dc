package org.cpe.web.api;

import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.util.List;
import java.util.stream.Stream;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** {@code GET /api/me}: the user the request authenticated as, and its roles; the console logs in with it. */
@Path("me")
@RequestScoped
public class MeResource {

    /** The user and its roles ({@code reader}, {@code operator}). */
    public record Me(String user, List<String> roles, boolean operator) {}

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The authenticated user and its roles")
    public Me me(@Context SecurityContext security) {
        List<String> roles =
                Stream.of("reader", "operator").filter(security::isUserInRole).toList();
        return new Me(security.getUserPrincipal().getName(), roles, roles.contains("operator"));
    }
}
