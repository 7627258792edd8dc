package org.cpe.swf.json;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.protocol.MarshallingKnownType;
import software.amazon.awssdk.core.traits.ListTrait;
import software.amazon.awssdk.core.traits.MapTrait;
import software.amazon.awssdk.core.util.SdkAutoConstructList;
import software.amazon.awssdk.core.util.SdkAutoConstructMap;
import software.amazon.awssdk.thirdparty.jackson.core.JsonGenerator;

/** Writes SDK model objects to a streaming JSON generator in the AWS JSON 1.0 form, following their SDK fields. */
final class PojoWriter {

    private PojoWriter() {}

    static void writeObject(JsonGenerator out, SdkPojo pojo) throws IOException {
        Shape shape = Shape.of(pojo);
        out.writeStartObject();
        for (int i = 0; i < shape.fields.length; i++) {
            SdkField<?> field = shape.fields[i];
            Object value = field.getValueOrDefault(pojo);
            if (isAbsent(value)) {
                continue;
            }
            out.writeFieldName(shape.names[i]);
            writeValue(out, field, value);
        }
        out.writeEndObject();
    }

    /**
     * Absent as SWF sees it: null, or a list or map the SDK made up because nobody set one. An empty list that was set
     * on purpose is kept, as the SDK's own marshaller keeps it.
     */
    private static boolean isAbsent(Object value) {
        return value == null || value instanceof SdkAutoConstructList || value instanceof SdkAutoConstructMap;
    }

    private static void writeValue(JsonGenerator out, SdkField<?> field, Object value) throws IOException {
        MarshallingKnownType type = field.marshallingType().getKnownType();
        if (type == null) {
            throw new IllegalArgumentException("cannot write member " + field.locationName() + " of custom type "
                    + field.marshallingType().getTargetClass().getName());
        }
        switch (type) {
            case STRING -> out.writeString((String) value);
            case INTEGER, SHORT, BYTE -> out.writeNumber(((Number) value).intValue());
            case LONG -> out.writeNumber((Long) value);
            case FLOAT -> out.writeNumber((Float) value);
            case DOUBLE -> out.writeNumber((Double) value);
                // The SDK's JSON marshaller sends BigDecimal as a string, to keep its precision.
            case BIG_DECIMAL -> out.writeString(((BigDecimal) value).toString());
            case BOOLEAN -> out.writeBoolean((Boolean) value);
            case INSTANT -> out.writeNumber(epochSeconds((Instant) value));
            case SDK_BYTES -> out.writeBinary(((SdkBytes) value).asByteArrayUnsafe());
            case SDK_POJO -> writeObject(out, (SdkPojo) value);
            case LIST -> writeList(out, field.getTrait(ListTrait.class).memberFieldInfo(), (List<?>) value);
            case MAP -> writeMap(out, field.getTrait(MapTrait.class).valueFieldInfo(), (Map<?, ?>) value);
            default -> throw new IllegalArgumentException(
                    "cannot write member " + field.locationName() + " of type " + type);
        }
    }

    private static void writeList(JsonGenerator out, SdkField<?> member, List<?> list) throws IOException {
        out.writeStartArray();
        for (Object element : list) {
            if (element != null) {
                writeValue(out, member, element);
            }
        }
        out.writeEndArray();
    }

    private static void writeMap(JsonGenerator out, SdkField<?> member, Map<?, ?> map) throws IOException {
        out.writeStartObject();
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            if (entry.getValue() != null) {
                out.writeFieldName(String.valueOf(entry.getKey()));
                writeValue(out, member, entry.getValue());
            }
        }
        out.writeEndObject();
    }

    /** Epoch seconds with a millisecond fraction, exactly as the SDK's own JSON marshaller writes a timestamp. */
    static String epochSeconds(Instant instant) {
        return BigDecimal.valueOf(instant.toEpochMilli(), 3).toPlainString();
    }
}
