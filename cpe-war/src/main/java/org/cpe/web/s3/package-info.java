/** The HTTP door of the embedded S3 store at {@code /s3}. */
package org.cpe.web.s3;
