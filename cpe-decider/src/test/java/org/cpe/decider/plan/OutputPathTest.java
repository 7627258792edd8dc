package org.cpe.decider.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OutputPathTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode result() throws Exception {
        return JSON.readTree(
                """
                {"a": {"b": "deep", "n": null, "home-address": "here"},
                 "list": [10, {"x": "in a list"}],
                 "text": "plain"}
                """);
    }

    @Test
    void dollarYieldsTheWholeResult() throws Exception {
        assertThat(OutputPath.parse("$").apply(result())).isEqualTo(result());
    }

    @Test
    void dollarYieldsAScalarResultToo() throws Exception {
        assertThat(OutputPath.parse("$").apply(JSON.readTree("42")).asInt()).isEqualTo(42);
    }

    @Test
    void aMemberPathYieldsTheNestedValue() throws Exception {
        assertThat(OutputPath.parse("$.a.b").apply(result()).asText()).isEqualTo("deep");
        assertThat(OutputPath.parse("$.a").apply(result())).isEqualTo(result().get("a"));
    }

    @Test
    void anIndexYieldsTheListElement() throws Exception {
        assertThat(OutputPath.parse("$.list[0]").apply(result()).asInt()).isEqualTo(10);
        assertThat(OutputPath.parse("$.list[1].x").apply(result()).asText()).isEqualTo("in a list");
        assertThat(OutputPath.parse("$[1]")
                        .apply(JSON.readTree("[\"a\", \"b\"]"))
                        .asText())
                .isEqualTo("b");
    }

    @Test
    void memberNamesMayHoldHyphensAndUnderscores() throws Exception {
        assertThat(OutputPath.parse("$.a.home-address").apply(result()).asText())
                .isEqualTo("here");
        assertThat(OutputPath.parse("$._x").apply(JSON.readTree("{\"_x\": 1}")).asInt())
                .isEqualTo(1);
    }

    @Test
    void surroundingWhitespaceIsIgnored() throws Exception {
        OutputPath path = OutputPath.parse("  $.a.b ");

        assertThat(path).hasToString("$.a.b");
        assertThat(path.apply(result()).asText()).isEqualTo("deep");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"$.missing", "$.a.missing", "$.a.b.c", "$.a.n.c", "$.list[5]", "$.a[0]", "$.text.x", "$.list.x"})
    void aPathThatLeadsNowhereYieldsJsonNull(String path) throws Exception {
        JsonNode value = OutputPath.parse(path).apply(result());

        assertThat(value).isEqualTo(NullNode.getInstance());
        assertThat(value.isNull()).isTrue();
    }

    @Test
    void aPathOverANullResultYieldsJsonNull() {
        assertThat(OutputPath.parse("$.a").apply(NullNode.getInstance())).isEqualTo(NullNode.getInstance());
        assertThat(OutputPath.parse("$.a").apply(null)).isEqualTo(NullNode.getInstance());
    }

    @Test
    void anExplicitNullMemberYieldsJsonNull() throws Exception {
        assertThat(OutputPath.parse("$.a.n").apply(result()).isNull()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "a.b",
                "foo",
                "$.",
                "$..a",
                "$a",
                "$.a.",
                "$[x]",
                "$[-1]",
                "$.a b",
                "$.1a",
                "$.a[0",
                "$['a']",
                "$.a.where($ > 1)"
            })
    void anUnsupportedPathIsRejected(String path) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> OutputPath.parse(path))
                .withMessageContaining(path.trim().isEmpty() ? "starts with $" : path);
    }

    @Test
    void aPathNotStartingWithDollarIsRejectedWithAnExample() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> OutputPath.parse("foo.bar"))
                .withMessageContaining("starts with $");
    }
}
