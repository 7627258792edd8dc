/**
 * The client-notice outbox: how messages leave for the clients' output queues. The Decider and the ActivityPoller
 * hand a notice to the {@link org.cpe.notices.ClientNotifier}, which routes it by the job's client and queues it in
 * the {@link org.cpe.notices.Outbox}; the outbox's sender lanes send in batches, per job in order, and retry.
 */
package org.cpe.notices;
