package org.cpe.web.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.cpe.activitypoller.ActivityPollerRole;
import org.cpe.config.CpeConfiguration;
import org.cpe.config.Role;
import org.cpe.decider.runtime.DeciderRole;
import org.cpe.inputpoller.InputPollerRole;
import org.cpe.lifecycle.PollingRole;
import org.cpe.lifecycle.RoleRegistry;
import org.cpe.lifecycle.RoleSnapshot;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * {@code GET /api/roles}: every role of this server, whether it is enabled, its state and its details.
 * {@code POST /api/roles/{role}/pause} and {@code /resume} pause and resume a polling role's loops on this server: the
 * turn in flight finishes, then no loop polls until resumed; the role shows {@code PAUSED} once all its loops wait.
 */
@Path("roles")
@RequestScoped
public class RolesResource {

    @Inject
    CpeConfiguration configuration;

    @Inject
    RoleRegistry registry;

    @Inject
    InputPollerRole inputPoller;

    @Inject
    DeciderRole decider;

    @Inject
    ActivityPollerRole activityPoller;

    /** One role as the API shows it. */
    public record RoleView(
            String name,
            boolean enabled,
            String state,
            String since,
            String lastProgress,
            String lastError,
            Map<String, String> details) {}

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public List<RoleView> roles() {
        var enabled = configuration.settings().roles().enabled();
        return registry.snapshot().stream()
                .map(s -> view(s, enabled.contains(s.role())))
                .toList();
    }

    private static RoleView view(RoleSnapshot s, boolean enabled) {
        return new RoleView(
                s.role().configName(),
                enabled,
                s.state().name(),
                String.valueOf(s.since()),
                s.lastProgress() == null ? null : s.lastProgress().toString(),
                s.lastError(),
                s.details());
    }

    @POST
    @Path("{role}/pause")
    @RolesAllowed("operator")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Pause a polling role's loops on this server")
    public Response pause(@PathParam("role") String role) {
        return act(role, true);
    }

    @POST
    @Path("{role}/resume")
    @RolesAllowed("operator")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Resume a paused polling role on this server")
    public Response resume(@PathParam("role") String role) {
        return act(role, false);
    }

    private Response act(String name, boolean pause) {
        Optional<Role> role = Role.fromConfigName(name);
        if (role.isEmpty()) {
            return ApiError.of(
                    Response.Status.NOT_FOUND, "NO_SUCH_ROLE", "No role '" + name + "'; roles: " + Role.allowedNames());
        }
        PollingRole polling =
                switch (role.get()) {
                    case INPUT_POLLER -> inputPoller;
                    case DECIDER -> decider;
                    case ACTIVITY_POLLER -> activityPoller;
                    default -> null;
                };
        if (polling == null) {
            return ApiError.of(
                    Response.Status.CONFLICT,
                    "NOT_PAUSABLE",
                    "The " + name + " role serves requests; it does not poll");
        }
        boolean done = pause ? polling.pause() : polling.resume();
        if (!done) {
            return ApiError.of(
                    Response.Status.CONFLICT, "ROLE_NOT_RUNNING", "The " + name + " role does not run on this server");
        }
        var enabled = configuration.settings().roles().enabled();
        return Response.ok(registry.snapshot().stream()
                        .filter(s -> s.role() == role.get())
                        .map(s -> view(s, enabled.contains(s.role())))
                        .findFirst()
                        .orElseThrow())
                .build();
    }
}
