/** The REST API under {@code /api}: thin JAX-RS resources that read from and delegate to the engine. */
package org.cpe.web.api;
