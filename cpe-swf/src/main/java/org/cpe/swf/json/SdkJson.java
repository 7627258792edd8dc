package org.cpe.swf.json;

import software.amazon.awssdk.core.SdkPojo;

/**
 * Reads and writes the SDK's SWF model objects in the AWS JSON 1.0 wire form that SWF itself speaks: lower-camel
 * member names, absent members omitted, timestamps as epoch seconds, durations as strings. It follows each class's
 * own {@code sdkFields()}, so every request, response and history event is covered without a hand-written mapping.
 * CONTRACT (implemented by the codec work): see the methods.
 */
public final class SdkJson {

    private SdkJson() {}

    /** The JSON text of an SDK model object. */
    public static String write(SdkPojo pojo) {
        throw new UnsupportedOperationException("not written yet");
    }

    /**
     * The SDK model object of class {@code type} read from JSON text; unknown members are ignored.
     *
     * @throws JsonFormatException when the text is not JSON, or a member has the wrong JSON type
     */
    public static <T extends SdkPojo> T read(String json, Class<T> type) {
        throw new UnsupportedOperationException("not written yet");
    }
}
