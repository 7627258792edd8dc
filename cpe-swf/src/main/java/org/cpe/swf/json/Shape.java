package org.cpe.swf.json;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.thirdparty.jackson.core.SerializableString;
import software.amazon.awssdk.thirdparty.jackson.core.io.SerializedString;

/** The SDK metadata of one model class or builder class, looked up once and kept: fields, wire names, name index. */
final class Shape {

    // Keyed by the runtime class: a model class and its BuilderImpl share one field list but get one entry each.
    private static final Map<Class<?>, Shape> CACHE = new ConcurrentHashMap<>();

    final SdkField<?>[] fields;

    /** Pre-encoded member names, so the generator does not escape the same names for every object. */
    final SerializableString[] names;

    private final Map<String, SdkField<?>> byName;

    private Shape(List<SdkField<?>> sdkFields) {
        fields = sdkFields.toArray(new SdkField<?>[0]);
        names = new SerializableString[fields.length];
        byName = new HashMap<>(fields.length * 2);
        for (int i = 0; i < fields.length; i++) {
            String name = fields[i].locationName();
            names[i] = new SerializedString(name);
            byName.put(name, fields[i]);
        }
    }

    static Shape of(SdkPojo pojoOrBuilder) {
        Shape shape = CACHE.get(pojoOrBuilder.getClass());
        if (shape == null) {
            shape = CACHE.computeIfAbsent(pojoOrBuilder.getClass(), c -> new Shape(pojoOrBuilder.sdkFields()));
        }
        return shape;
    }

    /** The field whose wire name is {@code name}, or null for a member this class does not have. */
    SdkField<?> field(String name) {
        return byName.get(name);
    }
}
