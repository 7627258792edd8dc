/**
 * The ActivityPoller role: the catalog of activity implementations discovered by CDI, the poll loops that take a
 * task only while a slot is free, the runner that hands a task to its implementation and answers SWF with its
 * outcome, the heartbeats that carry progress and bring back cancellation, the client messages, and the graceful
 * stop.
 *
 * <p>It depends on the activity SPI, the wire protocol and the platform packages only, never on the Decider, the
 * operations or the embedded services (the architecture test holds it to that).
 */
package org.cpe.activitypoller;
