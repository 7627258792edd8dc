package org.cpe.web.security;

import jakarta.annotation.Priority;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.DynamicFeature;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.FeatureContext;
import jakarta.ws.rs.ext.Provider;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import org.cpe.web.api.ApiError;

/**
 * Enforces {@code @RolesAllowed} on the API's resource methods (the authenticated user must have one of the roles),
 * with a JSON 403, and refuses requests that change something when a browser says they come from another site's page.
 */
@Provider
public class ApiAuthorization implements DynamicFeature {

    @Override
    public void configure(ResourceInfo resource, FeatureContext context) {
        RolesAllowed allowed = resource.getResourceMethod().getAnnotation(RolesAllowed.class);
        if (allowed == null) {
            allowed = resource.getResourceClass().getAnnotation(RolesAllowed.class);
        }
        if (allowed != null) {
            context.register(new RoleCheck(List.of(allowed.value())));
        }
        if (!resource.getResourceMethod().isAnnotationPresent(jakarta.ws.rs.GET.class)) {
            context.register(new SameOrigin());
        }
    }

    /**
     * Lets a request through only when its user has one of the roles. Ahead of the JAX-RS implementation's own
     * {@code @RolesAllowed} check where it has one (Payara's Jersey does), so that the refusal names the role.
     */
    @Priority(Priorities.AUTHORIZATION - 10)
    static final class RoleCheck implements ContainerRequestFilter {

        private final List<String> roles;

        RoleCheck(List<String> roles) {
            this.roles = roles;
        }

        @Override
        public void filter(ContainerRequestContext request) {
            var security = request.getSecurityContext();
            if (roles.stream().noneMatch(security::isUserInRole)) {
                String user = security.getUserPrincipal() == null
                        ? "This request has no user; it"
                        : "The user " + security.getUserPrincipal().getName();
                request.abortWith(new ApiError(
                                "FORBIDDEN", user + " may not do this: it takes the role " + String.join(" or ", roles))
                        .response(403));
            }
        }
    }

    /**
     * Refuses a request whose {@code Origin} (sent by browsers) is not this server: a page of another site must not
     * act with credentials the browser keeps for this one.
     */
    @Priority(Priorities.AUTHORIZATION - 20)
    static final class SameOrigin implements ContainerRequestFilter {

        @Override
        public void filter(ContainerRequestContext request) {
            String origin = request.getHeaderString("Origin");
            String host = request.getHeaderString("Host");
            if (origin == null || host == null) {
                return;
            }
            String originHost;
            try {
                URI uri = URI.create(origin);
                originHost = uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
            } catch (IllegalArgumentException e) {
                originHost = null;
            }
            if (originHost == null
                    || !Arrays.asList(host, host.replaceFirst(":(80|443)$", "")).contains(originHost)) {
                request.abortWith(new ApiError(
                                "CROSS_ORIGIN",
                                "A page of " + origin + " may not change anything here; use this server's console"
                                        + " or a client that sends no Origin")
                        .response(403));
            }
        }
    }
}
