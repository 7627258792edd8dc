/**
 * The ActivityPoller's work: the catalog of activity implementations discovered by CDI, the poll loops that take a
 * task only while a slot is free, the runner that hands a task to its implementation and answers SWF with its outcome,
 * the heartbeats that carry progress and bring back cancellation, the client messages, and the graceful stop.
 */
package org.cpe.work;
