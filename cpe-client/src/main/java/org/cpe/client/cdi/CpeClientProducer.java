package org.cpe.client.cdi;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.cpe.client.CpeClient;
import org.eclipse.microprofile.config.ConfigProvider;

/** Makes the application's {@link CpeClient} injectable, configured by {@code cpe.client.*} (see CpeClientConfig). */
@ApplicationScoped
public class CpeClientProducer {

    private volatile CpeClientConfig config;

    /** One client for the application; a pseudo-scope, since a final class cannot be proxied. */
    @Produces
    @Singleton
    CpeClient client() {
        return config().build();
    }

    void close(@Disposes CpeClient client) {
        client.close();
    }

    CpeClientConfig config() {
        if (config == null) {
            config = CpeClientConfig.read(ConfigProvider.getConfig());
        }
        return config;
    }
}
