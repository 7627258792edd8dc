package org.cpe.web.lifecycle;

import jakarta.inject.Inject;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;
import org.cpe.server.ServerLifecycle;

/**
 * Stops CPE's roles when the web application is destroyed: on Payara Micro this is the one callback a Ctrl-C or
 * SIGTERM reaches (EJB {@code @PreDestroy} is not called there).
 */
@WebListener
public class RolesShutdownListener implements ServletContextListener {

    @Inject
    ServerLifecycle lifecycle;

    @Override
    public void contextDestroyed(ServletContextEvent event) {
        lifecycle.stopAll();
    }
}
