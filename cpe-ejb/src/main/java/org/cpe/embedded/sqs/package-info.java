/**
 * The embedded SQS of the {@code embedded-sqs} role: ElasticMQ in-process, its messages persisted in H2 under the
 * data folder, the clients' queues and the dead-letter queue created at start, and beyond loopback the
 * {@link org.cpe.embedded.sqs.SignedSqsFront} that admits only signed requests.
 */
package org.cpe.embedded.sqs;
