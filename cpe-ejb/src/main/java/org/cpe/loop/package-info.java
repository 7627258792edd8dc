/**
 * Poll-loop machinery shared by the roles: the loop that owns back-off and stopping ({@link org.cpe.loop.PollLoop}),
 * the back-off policy ({@link org.cpe.loop.Backoff}), the stop signal, and the handle a lifecycle bean keeps to stop
 * its loop in bounded time. What a loop polls for is a {@link org.cpe.loop.PollCycle} supplied by the role.
 */
package org.cpe.loop;
