package org.cpe.web.api;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The REST API's root, {@code /api}. */
@ApplicationPath("/api")
public class CpeApplication extends Application {}
