/** The embedded S3-compatible object store of the {@code embedded-s3} role, as this server runs it. */
package org.cpe.embedded.s3;
