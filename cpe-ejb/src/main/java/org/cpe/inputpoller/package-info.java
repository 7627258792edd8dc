/**
 * The InputPoller role: {@link org.cpe.inputpoller.InputPollerRole} starts one loop per client and per
 * {@code cpe.clients.loops-per-client}; each turn of {@link org.cpe.inputpoller.InputCycle} reads a batch of commands
 * from the client's SQS input queue, hands each to the job operations of {@code org.cpe.operations}, and deletes it
 * once answered. A message that cannot be processed gets a reason on the client's output queue and is kept in the
 * dead-letter queue.
 */
package org.cpe.inputpoller;
