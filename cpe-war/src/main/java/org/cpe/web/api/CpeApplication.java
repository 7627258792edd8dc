package org.cpe.web.api;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.info.Info;

/** The REST API's root, {@code /api}; its OpenAPI document is served at {@code /openapi}. */
@ApplicationPath("/api")
@OpenAPIDefinition(
        info =
                @Info(
                        title = "CPE operations API",
                        version = "1",
                        description = "Jobs of every client, execution plans and this server's roles. Errors are JSON:"
                                + " {\"error\": CODE, \"message\": text}."))
public class CpeApplication extends Application {}
