/**
 * The embedded S3-compatible store: {@code store} keeps buckets and objects as files, {@code client} serves them
 * in-process through the SDK's {@code S3Client}, {@code http} over HTTP in S3's REST protocol.
 */
package org.cpe.s3;
