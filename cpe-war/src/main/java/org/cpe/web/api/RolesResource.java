package org.cpe.web.api;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;
import org.cpe.config.CpeConfiguration;
import org.cpe.lifecycle.RoleRegistry;
import org.cpe.lifecycle.RoleSnapshot;

/** {@code GET /api/roles}: every role of this server, whether it is enabled, its state and its details. */
@Path("roles")
@RequestScoped
public class RolesResource {

    @Inject
    CpeConfiguration configuration;

    @Inject
    RoleRegistry registry;

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
}
