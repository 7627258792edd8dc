package org.cpe.web.api;

import jakarta.annotation.security.DeclareRoles;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.Components;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

/** The REST API's root, {@code /api}; its OpenAPI document is served at {@code /openapi}. */
@ApplicationPath("/api")
@DeclareRoles({"reader", "operator"})
@OpenAPIDefinition(
        info =
                @Info(
                        title = "CPE operations API",
                        version = "1",
                        description =
                                "Jobs of every client, execution plans and this server's roles. Every request names a"
                                        + " user with HTTP Basic (cpe.security.users): a reader may read and validate plans,"
                                        + " an operator may also act. Errors are JSON: {\"error\": CODE, \"message\": text}."),
        security = @SecurityRequirement(name = "basic"),
        components =
                @Components(
                        securitySchemes =
                                @SecurityScheme(
                                        securitySchemeName = "basic",
                                        type = SecuritySchemeType.HTTP,
                                        scheme = "basic",
                                        description = "A user of cpe.security.users, in the role reader or operator")))
public class CpeApplication extends Application {}
