package org.cpe.swf.json;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Objects;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.thirdparty.jackson.core.JsonEncoding;
import software.amazon.awssdk.thirdparty.jackson.core.JsonFactory;
import software.amazon.awssdk.thirdparty.jackson.core.JsonGenerator;
import software.amazon.awssdk.thirdparty.jackson.core.JsonLocation;
import software.amazon.awssdk.thirdparty.jackson.core.JsonParser;
import software.amazon.awssdk.thirdparty.jackson.core.JsonProcessingException;
import software.amazon.awssdk.thirdparty.jackson.core.JsonToken;
import software.amazon.awssdk.thirdparty.jackson.core.exc.InputCoercionException;

/**
 * Reads and writes the SDK's SWF model objects in the AWS JSON 1.0 wire form that SWF itself speaks: lower-camel
 * member names, absent members omitted, timestamps as epoch seconds, durations as strings. It follows each class's
 * own {@code sdkFields()}, so every request, response and history event is covered without a hand-written mapping.
 * Thread-safe; the per-class metadata is looked up once and cached.
 */
public final class SdkJson {

    /** Thread-safe once configured; shared so its buffer recycling pays off on the hot path. */
    private static final JsonFactory FACTORY = new JsonFactory();

    private SdkJson() {}

    /** The JSON text of an SDK model object. */
    public static String write(SdkPojo pojo) {
        Objects.requireNonNull(pojo, "pojo");
        StringWriter text = new StringWriter(256);
        try (JsonGenerator out = FACTORY.createGenerator(text)) {
            PojoWriter.writeObject(out, pojo);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + pojo.getClass().getSimpleName(), e);
        }
        return text.toString();
    }

    /** The UTF-8 JSON of an SDK model object. */
    public static byte[] writeBytes(SdkPojo pojo) {
        Objects.requireNonNull(pojo, "pojo");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (JsonGenerator out = FACTORY.createGenerator(bytes, JsonEncoding.UTF8)) {
            PojoWriter.writeObject(out, pojo);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + pojo.getClass().getSimpleName(), e);
        }
        return bytes.toByteArray();
    }

    /**
     * The SDK model object of class {@code type} read from JSON text; unknown members are ignored, null members are
     * absent.
     *
     * @throws JsonFormatException when the text is not JSON, or a member has the wrong JSON type
     */
    public static <T extends SdkPojo> T read(String json, Class<T> type) {
        Objects.requireNonNull(json, "json");
        try (JsonParser in = FACTORY.createParser(json)) {
            return read(in, type);
        } catch (IOException e) {
            throw new JsonFormatException(type.getSimpleName() + " is not valid JSON: " + reason(e), e);
        }
    }

    /**
     * The SDK model object of class {@code type} read from UTF-8 JSON; as {@link #read(String, Class)}.
     *
     * @throws JsonFormatException when the bytes are not JSON, or a member has the wrong JSON type
     */
    public static <T extends SdkPojo> T read(byte[] json, Class<T> type) {
        Objects.requireNonNull(json, "json");
        try (JsonParser in = FACTORY.createParser(json)) {
            return read(in, type);
        } catch (IOException e) {
            throw new JsonFormatException(type.getSimpleName() + " is not valid JSON: " + reason(e), e);
        }
    }

    private static <T extends SdkPojo> T read(JsonParser in, Class<T> type) throws IOException {
        try {
            JsonToken first = in.nextToken();
            if (first == null) {
                throw new JsonFormatException(type.getSimpleName() + " should be a JSON object but the input is empty");
            }
            if (first != JsonToken.START_OBJECT) {
                throw new JsonFormatException(
                        type.getSimpleName() + " should be a JSON object but is " + PojoReader.describe(first));
            }
            SdkPojo pojo = PojoReader.readObject(in, PojoReader.builderSupplier(type));
            JsonToken trailing = in.nextToken();
            if (trailing != null) {
                throw new JsonFormatException(
                        type.getSimpleName() + " is followed by more JSON: " + PojoReader.describe(trailing));
            }
            return type.cast(pojo);
        } catch (MemberException e) {
            throw new JsonFormatException(
                    type.getSimpleName() + " member '" + e.path() + "' " + e.getMessage(), e.getCause());
        } catch (InputCoercionException e) {
            throw new JsonFormatException(
                    type.getSimpleName() + " member '" + JsonPath.of(in.getParsingContext()) + "' cannot be read: "
                            + reason(e),
                    e);
        } catch (JsonProcessingException e) {
            String path = JsonPath.of(in.getParsingContext());
            String where = path.isEmpty() ? "" : " at member '" + path + "'";
            throw new JsonFormatException(type.getSimpleName() + " is not valid JSON" + where + ": " + reason(e), e);
        }
    }

    /** Jackson's reason without its source excerpt, which may echo a megabyte of request body. */
    static String reason(IOException e) {
        if (!(e instanceof JsonProcessingException processing)) {
            return String.valueOf(e.getMessage());
        }
        JsonLocation at = processing.getLocation();
        String where = at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
        return processing.getOriginalMessage() + where;
    }
}
