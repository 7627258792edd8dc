package org.cpe.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.function.Function;
import org.eclipse.microprofile.config.Config;

/** The application's one view of its configuration: MicroProfile Config read once into {@link CpeSettings}. */
@ApplicationScoped
public class CpeConfiguration {

    @Inject
    Config config;

    private volatile CpeSettings settings;

    /** The validated settings; throws {@link InvalidConfigurationException} while the configuration is invalid. */
    public CpeSettings settings() {
        CpeSettings current = settings;
        if (current == null) {
            current = CpeSettings.read(lookup());
            settings = current;
        }
        return current;
    }

    /** The names of the configuration sources this application sees, for failure reports. */
    public String describeSources() {
        StringBuilder names = new StringBuilder();
        config.getConfigSources().forEach(source -> names.append(names.length() == 0 ? "" : ", ")
                .append(source.getName())
                .append(" (")
                .append(source.getOrdinal())
                .append(')'));
        return names + "; context class loader " + Thread.currentThread().getContextClassLoader();
    }

    public boolean exitOnFailure() {
        return CpeSettings.exitOnFailure(lookup());
    }

    private Function<String, Optional<String>> lookup() {
        return key -> config.getOptionalValue(key, String.class);
    }
}
