package org.cpe.s3;

import java.util.Optional;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * This server's embedded S3 store, as code in other modules reaches it (a CDI bean of the server implements it): an
 * in-process client, or empty when the store does not run here.
 */
public interface EmbeddedS3 {

    Optional<S3Client> client();
}
