package org.cpe.swf.http;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import software.amazon.awssdk.services.swf.SwfClient;
import software.amazon.awssdk.services.swf.model.SwfRequest;
import software.amazon.awssdk.services.swf.model.SwfResponse;

/** The SWF operations one {@link SwfClient} serves, found once by reflection: operation name to request class. */
final class Operations {

    /** One operation: {@code RegisterDomain} is served by {@code registerDomain(RegisterDomainRequest)}. */
    record Operation(String name, Class<? extends SwfRequest> requestType, Method method) {

        SwfResponse invoke(SwfClient delegate, SwfRequest request) {
            try {
                return (SwfResponse) method.invoke(delegate, request);
            } catch (InvocationTargetException e) {
                if (e.getCause() instanceof RuntimeException runtime) {
                    throw runtime;
                }
                if (e.getCause() instanceof Error error) {
                    throw error;
                }
                throw new IllegalStateException(name + " threw a checked exception", e.getCause());
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(name + " cannot be called", e);
            }
        }
    }

    /** Every operation of the SWF API, as the SDK's client interface declares it. */
    private static final Map<String, Operation> ALL = findAll();

    /** The names of every SWF operation, served or not. */
    static final Set<String> ALL_SWF_OPERATIONS = ALL.keySet();

    private Operations() {}

    /**
     * The operations {@code delegate} implements. The interface's default methods throw UnsupportedOperationException,
     * so an operation the delegate does not override is left out and answered as an unsupported operation.
     */
    static Map<String, Operation> servedBy(SwfClient delegate) {
        Map<String, Operation> served = new TreeMap<>();
        ALL.forEach((name, operation) -> {
            if (implemented(delegate, operation.method())) {
                served.put(name, operation);
            }
        });
        return Collections.unmodifiableMap(served);
    }

    private static Map<String, Operation> findAll() {
        Map<String, Operation> operations = new TreeMap<>();
        for (Method method : SwfClient.class.getMethods()) {
            if (method.getParameterCount() != 1
                    || !SwfRequest.class.isAssignableFrom(method.getParameterTypes()[0])
                    || !SwfResponse.class.isAssignableFrom(method.getReturnType())) {
                continue;
            }
            Class<? extends SwfRequest> requestType = method.getParameterTypes()[0].asSubclass(SwfRequest.class);
            String name = requestType.getSimpleName().replaceFirst("Request$", "");
            if (method.getName().equals(lowerCamel(name))) {
                operations.put(name, new Operation(name, requestType, method));
            }
        }
        return Collections.unmodifiableMap(operations);
    }

    private static boolean implemented(SwfClient delegate, Method method) {
        try {
            return delegate.getClass()
                            .getMethod(method.getName(), method.getParameterTypes())
                            .getDeclaringClass()
                    != SwfClient.class;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }

    static String lowerCamel(String operation) {
        return Character.toLowerCase(operation.charAt(0)) + operation.substring(1);
    }
}
