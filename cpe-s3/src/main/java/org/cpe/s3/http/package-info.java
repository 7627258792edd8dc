/** The HTTP door to the store: S3's REST protocol (path-style requests, XML, AWS Signature V4). */
package org.cpe.s3.http;
