/**
 * The server as a whole: which roles it has and the order in which they stop ({@link org.cpe.server.ServerLifecycle}).
 * Each role's package holds its own lifecycle bean; this package only composes them.
 */
package org.cpe.server;
