package org.cpe.config;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/** The application's one view of its configuration: MicroProfile Config read once into {@link CpeSettings}. */
@ApplicationScoped
public class CpeConfiguration {

    private static final Logger LOG = Logger.getLogger(CpeConfiguration.class.getName());

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

    /** A reader of the same configuration, for keys whose names depend on what is deployed (per activity type). */
    public ConfigReader reader() {
        return new ConfigReader(lookup());
    }

    public boolean exitOnFailure() {
        return CpeSettings.exitOnFailure(lookup());
    }

    /** The names of the configuration sources the server's Config has for CPE, for failure reports. */
    public String describeSources() {
        StringBuilder names = new StringBuilder();
        config().getConfigSources().forEach(source -> names.append(names.length() == 0 ? "" : ", ")
                .append(source.getName())
                .append(" (")
                .append(source.getOrdinal())
                .append(')'));
        return names.toString();
    }

    private LayeredLookup lookup() {
        Config config = config();
        LayeredLookup lookup = LayeredLookup.of(
                key -> config.getOptionalValue(key, String.class), getClass().getClassLoader());
        if (lookup.serverMissesApplication(RolesSettings.KEY)) {
            LOG.warning(() -> "The server's MicroProfile Config has none of CPE's packaged settings (its sources: "
                    + describeSources() + "); CPE reads its packaged files itself");
        }
        return lookup;
    }

    /** The Config of CPE's own class loader: the thread's context class loader is not always the application's. */
    private Config config() {
        return ConfigProvider.getConfig(getClass().getClassLoader());
    }
}
