package org.cpe.swf.json;

import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.protocol.MarshallingKnownType;
import software.amazon.awssdk.core.traits.ListTrait;
import software.amazon.awssdk.core.traits.MapTrait;
import software.amazon.awssdk.thirdparty.jackson.core.JsonParser;
import software.amazon.awssdk.thirdparty.jackson.core.JsonToken;
import software.amazon.awssdk.utils.builder.Buildable;

/** Reads SDK model objects from a streaming JSON parser, filling each class's builder through its SDK fields. */
final class PojoReader {

    /** Beyond any date SWF could mean (year 33658); keeps absurd numbers out of {@link Instant}. */
    private static final double MAX_EPOCH_SECONDS = 1e12;

    private static final ClassValue<Supplier<SdkPojo>> BUILDERS = new ClassValue<>() {
        @Override
        protected Supplier<SdkPojo> computeValue(Class<?> type) {
            return builderOf(type);
        }
    };

    private PojoReader() {}

    /** The builder supplier of a model class: its static {@code builder()}. */
    static Supplier<SdkPojo> builderSupplier(Class<?> type) {
        return BUILDERS.get(type);
    }

    /** Reads the object that starts at the parser's current token (which must be the start of an object). */
    static SdkPojo readObject(JsonParser in, Supplier<SdkPojo> builderSupplier) throws IOException {
        SdkPojo builder = builderSupplier.get();
        Shape shape = Shape.of(builder);
        while (in.nextToken() == JsonToken.FIELD_NAME) {
            String name = in.currentName();
            try {
                JsonToken token = in.nextToken();
                SdkField<?> field = shape.field(name);
                if (field == null) {
                    in.skipChildren();
                } else if (token != JsonToken.VALUE_NULL) {
                    field.set(builder, readValue(in, token, field));
                }
            } catch (MemberException e) {
                throw e.within(name);
            }
        }
        return (SdkPojo) ((Buildable) builder).build();
    }

    private static Object readValue(JsonParser in, JsonToken token, SdkField<?> field) throws IOException {
        MarshallingKnownType type = field.marshallingType().getKnownType();
        if (type == null) {
            throw new MemberException(
                    "is of a type this codec does not read: "
                            + field.marshallingType().getTargetClass().getName(),
                    null);
        }
        return switch (type) {
            case STRING -> expect(in, token, JsonToken.VALUE_STRING, "a string").getText();
            case INTEGER -> expect(in, token, JsonToken.VALUE_NUMBER_INT, "an integer")
                    .getIntValue();
            case LONG -> expect(in, token, JsonToken.VALUE_NUMBER_INT, "an integer")
                    .getLongValue();
            case SHORT -> expect(in, token, JsonToken.VALUE_NUMBER_INT, "an integer")
                    .getShortValue();
            case BYTE -> expect(in, token, JsonToken.VALUE_NUMBER_INT, "an integer")
                    .getByteValue();
            case FLOAT -> number(in, token).getFloatValue();
            case DOUBLE -> number(in, token).getDoubleValue();
            case BIG_DECIMAL -> token == JsonToken.VALUE_STRING
                    ? decimal(in.getText())
                    : number(in, token).getDecimalValue();
            case BOOLEAN -> bool(in, token);
            case INSTANT -> instant(number(in, token).getDoubleValue());
            case SDK_BYTES -> SdkBytes.fromByteArrayUnsafe(
                    expect(in, token, JsonToken.VALUE_STRING, "a base64 string").getBinaryValue());
            case SDK_POJO -> readObject(expect(in, token, JsonToken.START_OBJECT, "an object"), field.constructor());
            case LIST -> readList(in, token, field.getTrait(ListTrait.class).memberFieldInfo());
            case MAP -> readMap(in, token, field.getTrait(MapTrait.class).valueFieldInfo());
            default -> throw new MemberException("is of a type this codec does not read: " + type, null);
        };
    }

    private static List<Object> readList(JsonParser in, JsonToken token, SdkField<?> member) throws IOException {
        expect(in, token, JsonToken.START_ARRAY, "an array");
        List<Object> list = new ArrayList<>();
        JsonToken next;
        while ((next = in.nextToken()) != JsonToken.END_ARRAY) {
            try {
                if (next != JsonToken.VALUE_NULL) {
                    list.add(readValue(in, next, member));
                }
            } catch (MemberException e) {
                throw e.within("[" + list.size() + "]");
            }
        }
        return list;
    }

    private static Map<String, Object> readMap(JsonParser in, JsonToken token, SdkField<?> member) throws IOException {
        expect(in, token, JsonToken.START_OBJECT, "an object");
        Map<String, Object> map = new LinkedHashMap<>();
        while (in.nextToken() == JsonToken.FIELD_NAME) {
            String key = in.currentName();
            JsonToken next = in.nextToken();
            try {
                if (next != JsonToken.VALUE_NULL) {
                    map.put(key, readValue(in, next, member));
                }
            } catch (MemberException e) {
                throw e.within(key);
            }
        }
        return map;
    }

    private static JsonParser expect(JsonParser in, JsonToken actual, JsonToken wanted, String description) {
        if (actual != wanted) {
            throw wrongType(description, actual);
        }
        return in;
    }

    private static JsonParser number(JsonParser in, JsonToken actual) {
        if (actual != JsonToken.VALUE_NUMBER_INT && actual != JsonToken.VALUE_NUMBER_FLOAT) {
            throw wrongType("a number", actual);
        }
        return in;
    }

    private static Boolean bool(JsonParser in, JsonToken actual) {
        if (actual == JsonToken.VALUE_TRUE || actual == JsonToken.VALUE_FALSE) {
            return actual == JsonToken.VALUE_TRUE;
        }
        throw wrongType("a boolean", actual);
    }

    /** Epoch seconds to the millisecond: a double holds that exactly enough for any date SWF could hold. */
    private static Instant instant(double epochSeconds) {
        if (!(Math.abs(epochSeconds) <= MAX_EPOCH_SECONDS)) {
            throw new MemberException("is not a timestamp in epoch seconds: " + epochSeconds, null);
        }
        return Instant.ofEpochMilli(Math.round(epochSeconds * 1000.0));
    }

    private static BigDecimal decimal(String text) {
        try {
            return new BigDecimal(text);
        } catch (NumberFormatException e) {
            throw new MemberException("is not a decimal number: " + text, e);
        }
    }

    private static MemberException wrongType(String wanted, JsonToken actual) {
        return new MemberException("should be " + wanted + " but is " + describe(actual), null);
    }

    static String describe(JsonToken token) {
        if (token == null) {
            return "missing";
        }
        return switch (token) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> "the token " + token;
        };
    }

    private static Supplier<SdkPojo> builderOf(Class<?> type) {
        MethodHandle builder;
        try {
            builder = MethodHandles.publicLookup()
                    .findStatic(
                            type,
                            "builder",
                            MethodType.methodType(type.getMethod("builder").getReturnType()));
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException(type.getName() + " is not an SDK model class with a builder()", e);
        }
        MethodHandle generic = builder.asType(MethodType.methodType(Object.class));
        Supplier<SdkPojo> supplier = () -> {
            try {
                Object made = generic.invokeExact();
                return (SdkPojo) made;
            } catch (Throwable e) {
                throw new IllegalStateException("builder() of " + type.getName() + " failed", e);
            }
        };
        if (!(supplier.get() instanceof Buildable)) {
            throw new IllegalArgumentException(type.getName() + ".builder() is not a buildable SdkPojo");
        }
        return supplier;
    }
}
