package org.cpe.decider.runtime;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.cpe.config.CpeConfiguration;
import org.cpe.decider.plan.PlanLibrary;

/**
 * The plans this server runs, loaded once for every role that reads them (the Decider decides with them, the
 * InputPoller and the REST API describe jobs with them): the packaged plans and those of {@code cpe.decider.plans-dir}.
 */
@ApplicationScoped
public class ServerPlans {

    @Inject
    CpeConfiguration configuration;

    private volatile PlanLibrary library;

    /** The library, loaded on first use. */
    public PlanLibrary library() {
        PlanLibrary current = library;
        if (current == null) {
            synchronized (this) {
                current = library;
                if (current == null) {
                    current = DeciderRuntime.loadPlans(configuration.settings().decider());
                    library = current;
                }
            }
        }
        return current;
    }
}
