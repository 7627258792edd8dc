/**
 * The server's lifecycle as a whole: the startup guard that validates configuration before any role starts, the
 * registry of each role's state, and the pure evaluation of that state into startup, liveness and readiness.
 */
package org.cpe.lifecycle;
