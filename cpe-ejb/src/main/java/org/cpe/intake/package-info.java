/**
 * The InputPoller's work: reading each client's commands from its SQS input queue, turning them into SWF calls,
 * and answering on the client's output queue; what cannot be processed gets a reason and is kept in the dead-letter
 * queue.
 */
package org.cpe.intake;
