/**
 * The AWS SDK v2 clients CPE talks through: {@code SqsClient} and {@code SwfClient}, built for the embedded
 * services, another CPE server, or AWS, so that moving to AWS is a configuration change and never a code change.
 * {@link org.cpe.aws.SqsQueues} is the one place that looks up queue URLs and keeps batches within SQS's limits.
 */
package org.cpe.aws;
