package org.cpe.config;

import java.net.URI;
import java.util.Objects;

/**
 * Where a service (SQS or SWF) is reached: this server's embedded service, the AWS regional endpoint with the
 * default credential chain, or a URL (another CPE server, an ElasticMQ) with the static local credentials.
 */
public record Endpoint(Kind kind, URI url) {

    public static final Endpoint EMBEDDED = new Endpoint(Kind.EMBEDDED, null);
    public static final Endpoint AWS = new Endpoint(Kind.AWS, null);

    /** How the endpoint is reached. */
    public enum Kind {
        EMBEDDED,
        AWS,
        URL
    }

    public Endpoint {
        Objects.requireNonNull(kind, "kind");
        if ((kind == Kind.URL) != (url != null)) {
            throw new IllegalArgumentException("a URL endpoint, and only a URL endpoint, has a URL");
        }
    }

    public static Endpoint url(URI url) {
        return new Endpoint(Kind.URL, url);
    }

    @Override
    public String toString() {
        return kind == Kind.URL ? url.toString() : kind.name().toLowerCase(java.util.Locale.ROOT);
    }
}
