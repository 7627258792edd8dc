package org.cpe.lifecycle;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.cpe.config.CpeConfiguration;
import org.cpe.config.CpeSettings;
import org.cpe.config.InvalidConfigurationException;
import org.cpe.config.Role;

/**
 * Validates the whole configuration before any role starts (every role bean depends on it). An invalid configuration
 * fails the deployment with one message naming each bad key, value and what is allowed.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class StartupGuard {

    private static final Logger LOG = Logger.getLogger(StartupGuard.class.getName());

    @Inject
    CpeConfiguration configuration;

    @PostConstruct
    void verify() {
        try {
            CpeSettings settings = configuration.settings();
            LOG.info(() -> "CPE starting with roles "
                    + settings.roles().enabled().stream().map(Role::configName).collect(Collectors.joining(", "))
                    + "; SQS " + settings.sqs().endpoint() + ", SWF "
                    + settings.swf().endpoint()
                    + ", data in " + settings.dataDir());
        } catch (InvalidConfigurationException e) {
            LOG.info(() -> "Configuration sources of the failed start: " + configuration.describeSources());
            throw StartupAbort.abort(e.getMessage(), e, configuration.exitOnFailure());
        }
    }
}
