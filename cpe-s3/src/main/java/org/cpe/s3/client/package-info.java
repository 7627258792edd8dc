/** The in-process door to the store: the SDK's {@code S3Client} interface, for roles in the same JVM. */
package org.cpe.s3.client;
