package org.cpe.client.message;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A workflow or activity type: name and version. Messages give it as {@code {name, version}}; the original decider's
 * {@code ACTIVITY_SCHEDULED} gives the name alone with the version beside it, which {@link #of(JsonNode, String)} reads
 * too.
 */
public record TypeRef(String name, String version) {

    static TypeRef of(JsonNode type, String versionBeside) {
        if (type == null || type.isNull() || type.isMissingNode()) {
            return null;
        }
        if (type.isTextual()) {
            return new TypeRef(type.asText(), versionBeside);
        }
        return new TypeRef(Fields.text(type, "name"), Fields.text(type, "version"));
    }

    @Override
    public String toString() {
        return name + ":" + version;
    }
}
