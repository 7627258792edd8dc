/**
 * Access control of the REST API and the console: HTTP Basic against the users of {@code cpe.security.users}
 * (Jakarta Security), the {@code reader} and {@code operator} roles, and refusals as JSON.
 */
package org.cpe.web.security;
