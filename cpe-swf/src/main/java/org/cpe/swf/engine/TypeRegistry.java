package org.cpe.swf.engine;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.cpe.swf.json.SdkJson;
import org.cpe.swf.store.Change;
import org.cpe.swf.store.SwfStore;
import org.cpe.swf.store.TypeRecord;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.services.swf.model.ActivityTypeConfiguration;
import software.amazon.awssdk.services.swf.model.ActivityTypeInfo;
import software.amazon.awssdk.services.swf.model.RegistrationStatus;
import software.amazon.awssdk.services.swf.model.WorkflowTypeConfiguration;
import software.amazon.awssdk.services.swf.model.WorkflowTypeInfo;

/**
 * One of SWF's two type registries, workflow types or activity types: the same rules of registration, deprecation
 * and listing over the two shapes the SDK gives them.
 */
final class TypeRegistry<I extends SdkPojo, C extends SdkPojo> {

    /** A registered type. */
    record Entry<I, C>(String domain, I info, C configuration) {}

    /** What differs between the two kinds of type. */
    record Shape<I, C>(
            String label,
            TypeRecord.Kind kind,
            Class<I> infoClass,
            Class<C> configurationClass,
            Function<I, String> name,
            Function<I, String> version,
            Function<I, RegistrationStatus> status,
            Function<I, Instant> creation,
            Function<I, Instant> deprecation,
            BiFunction<I, Instant, I> withDeprecation) {}

    private final SwfStore store;
    private final Shape<I, C> shape;
    private final Page.Order<I> order;
    private final Map<String, Entry<I, C>> types = new ConcurrentHashMap<>();

    TypeRegistry(SwfStore store, Shape<I, C> shape, Function<String[], I> probe) {
        this.store = store;
        this.shape = shape;
        // By name then version; a position is "name NUL version" (a name holds no control character).
        this.order = new Page.Order<>(
                Comparator.comparing(shape.name()).thenComparing(shape.version()),
                i -> shape.name().apply(i) + '\u0000' + shape.version().apply(i),
                key -> probe.apply(key.split("\u0000", 2)));
    }

    static TypeRegistry<WorkflowTypeInfo, WorkflowTypeConfiguration> workflowTypes(SwfStore store) {
        return new TypeRegistry<>(
                store,
                new Shape<>(
                        "WorkflowType",
                        TypeRecord.Kind.WORKFLOW,
                        WorkflowTypeInfo.class,
                        WorkflowTypeConfiguration.class,
                        i -> i.workflowType().name(),
                        i -> i.workflowType().version(),
                        WorkflowTypeInfo::status,
                        WorkflowTypeInfo::creationDate,
                        WorkflowTypeInfo::deprecationDate,
                        (i, at) -> i.toBuilder()
                                .status(status(at))
                                .deprecationDate(at)
                                .build()),
                key -> WorkflowTypeInfo.builder()
                        .workflowType(t -> t.name(key[0]).version(key[1]))
                        .build());
    }

    static TypeRegistry<ActivityTypeInfo, ActivityTypeConfiguration> activityTypes(SwfStore store) {
        return new TypeRegistry<>(
                store,
                new Shape<>(
                        "ActivityType",
                        TypeRecord.Kind.ACTIVITY,
                        ActivityTypeInfo.class,
                        ActivityTypeConfiguration.class,
                        i -> i.activityType().name(),
                        i -> i.activityType().version(),
                        ActivityTypeInfo::status,
                        ActivityTypeInfo::creationDate,
                        ActivityTypeInfo::deprecationDate,
                        (i, at) -> i.toBuilder()
                                .status(status(at))
                                .deprecationDate(at)
                                .build()),
                key -> ActivityTypeInfo.builder()
                        .activityType(t -> t.name(key[0]).version(key[1]))
                        .build());
    }

    private static RegistrationStatus status(Instant deprecatedAt) {
        return deprecatedAt != null ? RegistrationStatus.DEPRECATED : RegistrationStatus.REGISTERED;
    }

    void restore(TypeRecord t) {
        I info = SdkJson.read(t.infoJson(), shape.infoClass());
        C configuration = SdkJson.read(t.configurationJson(), shape.configurationClass());
        types.put(
                key(t.domain(), shape.name().apply(info), shape.version().apply(info)),
                new Entry<>(t.domain(), info, configuration));
    }

    synchronized void register(String domain, I info, C configuration) {
        if (find(domain, shape.name().apply(info), shape.version().apply(info)) != null) {
            throw SwfFaults.typeAlreadyExists(shape.label() + " already exists: " + describe(info));
        }
        put(new Entry<>(domain, info, configuration));
    }

    synchronized void deprecate(String domain, String name, String version, boolean deprecate) {
        Entry<I, C> t = require(domain, name, version);
        boolean deprecated = shape.status().apply(t.info()) == RegistrationStatus.DEPRECATED;
        if (deprecate && deprecated) {
            throw SwfFaults.typeDeprecated(shape.label() + " is already deprecated: " + describe(t.info()));
        }
        if (!deprecate && !deprecated) {
            throw SwfFaults.typeAlreadyExists(shape.label() + " is not deprecated: " + describe(t.info()));
        }
        I info = shape.withDeprecation().apply(t.info(), deprecate ? Registry.now() : null);
        put(new Entry<>(t.domain(), info, t.configuration()));
    }

    Entry<I, C> require(String domain, String name, String version) {
        Entry<I, C> t = find(domain, name, version);
        if (t == null) {
            throw SwfFaults.unknownResource(
                    "Unknown type: " + shape.label() + "=[name=" + name + ", version=" + version + "]");
        }
        return t;
    }

    /** The registered type, or null. */
    Entry<I, C> find(String domain, String name, String version) {
        return types.get(key(domain, name, version));
    }

    Page<I> list(String domain, RegistrationStatus status, String name, boolean reverse, String token, int size) {
        Page.Order<I> sorting = order.reversed(reverse);
        List<I> sorted = types.values().stream()
                .filter(t -> t.domain().equals(domain))
                .map(Entry::info)
                .filter(i -> shape.status().apply(i) == status
                        && (name == null || name.equals(shape.name().apply(i))))
                .sorted(sorting.comparator())
                .toList();
        String scope = shape.kind() + "|" + domain + "|" + status + "|" + name + "|" + reverse;
        return Page.of(sorted, token, size, scope, sorting);
    }

    private void put(Entry<I, C> t) {
        I info = t.info();
        store.submit(List.of(new Change.TypePut(new TypeRecord(
                        shape.kind(),
                        t.domain(),
                        shape.name().apply(info),
                        shape.version().apply(info),
                        shape.status().apply(info).toString(),
                        shape.creation().apply(info),
                        shape.deprecation().apply(info),
                        SdkJson.write(info),
                        SdkJson.write(t.configuration())))))
                .join();
        types.put(key(t.domain(), shape.name().apply(info), shape.version().apply(info)), t);
    }

    private String describe(I info) {
        return "[" + shape.name().apply(info) + ", " + shape.version().apply(info) + "]";
    }

    private static String key(String domain, String name, String version) {
        return domain + '\u0000' + name + '\u0000' + version;
    }
}
