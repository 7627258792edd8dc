/**
 * Access control of the REST API and the console: HTTP Basic against the users of {@code cpe.security.users}
 * (Jakarta Security), the {@code reader} and {@code operator} roles, the local operator of {@code open-local} (only
 * for plain requests from this machine), and refusals as JSON.
 */
package org.cpe.web.security;
