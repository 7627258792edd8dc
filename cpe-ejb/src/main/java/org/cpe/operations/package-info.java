/**
 * What a job command does, whoever asks: the InputPoller for a client's command from its input queue, and the REST
 * API (through {@link org.cpe.operations.OperatorJobs}) for an operator. Parsing and validating a command
 * ({@link org.cpe.operations.Command}), starting, cancelling, looking up, listing and reporting jobs on SWF, and the
 * replies that go back on the client's output queue ({@link org.cpe.operations.Replies}).
 */
package org.cpe.operations;
