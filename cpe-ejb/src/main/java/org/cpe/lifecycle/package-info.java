/**
 * The server's lifecycle as a whole: the startup guard that validates configuration before any role starts, the
 * registry of each role's state, the pure evaluation of that state into startup, liveness and readiness, and
 * {@link org.cpe.lifecycle.PollingRole}, the base of every role that runs poll loops: a role declares its loops
 * ({@link org.cpe.loop.LoopSpec}) and the base submits, pauses and stops them.
 */
package org.cpe.lifecycle;
