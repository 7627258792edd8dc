package org.cpe.client.cdi;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.concurrent.ThreadFactory;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import org.cpe.client.CpeClient;
import org.cpe.client.CpeListener;
import org.cpe.client.message.CpeMessage;

/**
 * Delivers the client's output messages as CDI events: a method that {@code @Observes WorkflowCompleted} (or any
 * {@link CpeMessage} class) gets them. It starts with the application, when some bean observes CPE messages and
 * {@code cpe.client.listener.enabled} is not false, and stops with it. Observers are called synchronously; a message
 * is acknowledged only after every observer returned, and one whose observer throws comes back after the output
 * queue's visibility timeout.
 */
@ApplicationScoped
public class CpeMessageListener {

    private static final Logger LOG = Logger.getLogger(CpeMessageListener.class.getName());

    @Inject
    CpeClientExtension extension;

    @Inject
    CpeClientProducer producer;

    @Inject
    Event<CpeMessage> events;

    @Inject
    jakarta.enterprise.inject.Instance<CpeClient> client;

    private CpeListener listener;

    void start(@Observes @Initialized(ApplicationScoped.class) Object started) {
        if (extension.observers().isEmpty()) {
            return;
        }
        if (!producer.config().listenerEnabled()) {
            LOG.info("CPE messages are observed but cpe.client.listener.enabled=false: not listening");
            return;
        }
        CpeClient cpe = client.get();
        listener = cpe.listen(events::fire, managedThreads(), producer.config().listenerWait());
        LOG.info(
                "Listening to the output queue of CPE client " + cpe.client().name() + " for " + extension.observers());
    }

    /** Whether the listener runs. */
    public boolean listening() {
        return listener != null && listener.running();
    }

    @PreDestroy
    void stop() {
        if (listener != null) {
            listener.close();
            listener = null;
        }
    }

    /** The container's thread factory, so observers run with the application's context; a plain thread outside one. */
    // Error Prone's BanJNDI guards against lookups of names an attacker controls; this one is the constant name the
    // Jakarta Concurrency spec gives the default factory.
    @SuppressWarnings("BanJNDI")
    private static ThreadFactory managedThreads() {
        try {
            return (ThreadFactory) new InitialContext().lookup("java:comp/DefaultManagedThreadFactory");
        } catch (NamingException | ClassCastException e) {
            LOG.log(Level.FINE, "No managed thread factory: the listener runs on a plain thread", e);
            return null;
        }
    }
}
