package org.cpe.client.cdi;

import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.inject.spi.ProcessObserverMethod;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.Set;
import java.util.TreeSet;
import org.cpe.client.message.CpeMessage;

/**
 * Notes at deployment whether the application observes CPE messages: only then does {@link CpeMessageListener} read
 * the output queue. So a deployment that merely carries this library (a CPE server does) never consumes a client's
 * messages.
 */
public class CpeClientExtension implements Extension {

    private final Set<String> observers = new TreeSet<>();

    void observer(@Observes ProcessObserverMethod<?, ?> event) {
        Type observed = event.getObserverMethod().getObservedType();
        Type raw = observed instanceof ParameterizedType p ? p.getRawType() : observed;
        if (raw instanceof Class<?> type && CpeMessage.class.isAssignableFrom(type)) {
            observers.add(event.getObserverMethod().getBeanClass().getName() + " observes " + type.getSimpleName());
        }
    }

    /** The observer methods of CPE messages, described; empty when the application has none. */
    public Set<String> observers() {
        return Set.copyOf(observers);
    }
}
