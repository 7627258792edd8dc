/**
 * The embedded SQS of the {@code embedded-sqs} role: ElasticMQ in-process, its messages persisted in H2 under the
 * data folder, and the clients' queues and the dead-letter queue created at start.
 */
package org.cpe.sqs;
