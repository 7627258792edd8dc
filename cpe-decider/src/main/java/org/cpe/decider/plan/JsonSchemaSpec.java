package org.cpe.decider.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.SpecVersionDetector;
import com.networknt.schema.ValidationMessage;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A JSON Schema from a plan ({@code input_spec}), checked against its meta-schema when loaded. Draft 4, the
 * original's version, unless the schema names another with {@code $schema}.
 */
public final class JsonSchemaSpec {

    private final JsonNode source;
    private final JsonSchema schema;

    private JsonSchemaSpec(JsonNode source, JsonSchema schema) {
        this.source = source;
        this.schema = schema;
    }

    /** The schema, or the reasons it is not a valid one. */
    public static JsonSchemaSpec compile(JsonNode source) throws InvalidSchemaException {
        SpecVersion.VersionFlag version;
        try {
            version = source.has("$schema") ? SpecVersionDetector.detect(source) : SpecVersion.VersionFlag.V4;
        } catch (RuntimeException e) {
            throw new InvalidSchemaException(List.of("unknown $schema: " + source.get("$schema")));
        }
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(version);
        JsonSchema meta = factory.getSchema(com.networknt.schema.SchemaLocation.of(version.getId()));
        Set<ValidationMessage> problems = meta.validate(source);
        if (!problems.isEmpty()) {
            throw new InvalidSchemaException(problems.stream()
                    .map(ValidationMessage::getMessage)
                    .sorted()
                    .toList());
        }
        try {
            JsonSchema schema = factory.getSchema(source);
            schema.initializeValidators();
            return new JsonSchemaSpec(source, schema);
        } catch (RuntimeException e) {
            throw new InvalidSchemaException(List.of(String.valueOf(e.getMessage())));
        }
    }

    /** Why {@code value} does not meet the schema, or empty when it does. */
    public Optional<String> violations(JsonNode value) {
        Set<ValidationMessage> problems = schema.validate(value);
        if (problems.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(String.join(
                "; ",
                problems.stream().map(ValidationMessage::getMessage).sorted().toList()));
    }

    public JsonNode source() {
        return source;
    }

    /** A schema that is not one. */
    public static final class InvalidSchemaException extends Exception {
        private static final long serialVersionUID = 1L;

        public InvalidSchemaException(List<String> reasons) {
            super(String.join("; ", reasons));
        }
    }
}
