/**
 * SQS as CPE uses it: the embedded SQS of the {@code embedded-sqs} role (ElasticMQ in-process, its messages persisted
 * in H2 under the data folder, the clients' queues and the dead-letter queue created at start, and beyond loopback
 * the {@link org.cpe.sqs.SignedSqsFront} that admits only signed requests), and the way messages
 * leave for the clients' output queues (the {@link org.cpe.sqs.Outbox} and the {@link org.cpe.sqs.ClientNotifier}).
 */
package org.cpe.sqs;
