/** Buckets, objects and multipart uploads kept as files under one folder, with S3's names, rules and errors. */
package org.cpe.s3.store;
