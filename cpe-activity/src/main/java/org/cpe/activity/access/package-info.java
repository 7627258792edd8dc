/**
 * What a job may make the server touch: the storage roots its {@code file:} locations must lie under, the addresses
 * its URLs may reach, and an HTTP client that holds to them on every connection. Activities get them from their
 * {@link org.cpe.activity.ActivityContext}; the ActivityPoller builds them from the server's configuration.
 */
package org.cpe.activity.access;
