package org.cpe.decider.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.cpe.decider.plan.InputTemplate.TemplateException;
import org.junit.jupiter.api.Test;

class InputTemplateTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final Map<String, Object> INPUT = Map.of(
            "client",
            Map.of("id", 7, "name", "acme", "tags", List.of("a", "b")),
            "name",
            "acme",
            "quoted",
            "say \"hi\"\n",
            "count",
            3,
            "ratio",
            0.5,
            "flag",
            true,
            "items",
            List.of(1, 2, 3));

    private static String render(String template) throws TemplateException {
        return InputTemplate.of(template).render(Map.of("__input__", INPUT));
    }

    @Test
    void anObjectIsInsertedAsJson() throws Exception {
        String rendered = render("{\"client\": {{__input__.client}}}");

        assertThat(JSON.readTree(rendered))
                .isEqualTo(JSON.readTree("{\"client\": {\"id\": 7, \"name\": \"acme\", \"tags\": [\"a\", \"b\"]}}"));
    }

    @Test
    void theWholeInputPassesThrough() throws Exception {
        assertThat(JSON.readTree(render("{{__input__}}"))).isEqualTo(JSON.valueToTree(INPUT));
    }

    @Test
    void stringsAreQuotedAndEscaped() throws Exception {
        assertThat(render("{{__input__.name}}")).isEqualTo("\"acme\"");
        assertThat(JSON.readTree(render("{{ __input__.quoted }}")).asText()).isEqualTo("say \"hi\"\n");
    }

    @Test
    void numbersBooleansAndListsAreInsertedAsJson() throws Exception {
        assertThat(render("{{__input__.count}}")).isEqualTo("3");
        assertThat(render("{{__input__.ratio}}")).isEqualTo("0.5");
        assertThat(render("{{__input__.flag}}")).isEqualTo("true");
        assertThat(JSON.readTree(render("{{__input__.items}}"))).isEqualTo(JSON.readTree("[1, 2, 3]"));
    }

    @Test
    void aMissingMemberRendersNull() throws Exception {
        assertThat(render("{\"x\": {{__input__.nothing}}, \"y\": {{__input__.client.nothing.deeper}}}"))
                .isEqualTo("{\"x\": null, \"y\": null}");
    }

    @Test
    void aMissingVariableRendersNull() throws Exception {
        assertThat(render("{{ SomeStep.value }}")).isEqualTo("null");
    }

    @Test
    void aNullValueRendersNull() throws Exception {
        Map<String, Object> input = new HashMap<>();
        input.put("gone", null);

        assertThat(InputTemplate.of("{{ __input__.gone }}").render(Map.of("__input__", input)))
                .isEqualTo("null");
    }

    @Test
    void filtersApplyBeforeTheValueIsWrittenAsJson() throws Exception {
        assertThat(render("{{ __input__.name|upper }}")).isEqualTo("\"ACME\"");
        assertThat(render("{{ __input__.items|length }}")).isEqualTo("3");
        assertThat(render("{{ __input__.nothing|default('none') }}")).isEqualTo("\"none\"");
    }

    @Test
    void statementsAndTextOutsideExpressionsAreKeptAsWritten() throws Exception {
        String rendered =
                render("[{% for i in __input__.items %}{{ i * 2 }}{% if not loop.last %}, {% endif %}{% endfor %}]");

        assertThat(rendered).isEqualTo("[2, 4, 6]");
    }

    @Test
    void stepOutputsAreVariablesNamedAfterTheStep() throws Exception {
        String rendered = InputTemplate.of("{\"one\": {{ MyStep1.__all__ }}, \"two\": {{ MyStep2.value2 }}}")
                .render(Map.of(
                        "MyStep1", Map.of("__all__", Map.of("foo", 1)),
                        "MyStep2", Map.of("value2", "bar")));

        assertThat(JSON.readTree(rendered)).isEqualTo(JSON.readTree("{\"one\": {\"foo\": 1}, \"two\": \"bar\"}"));
    }

    @Test
    void aTemplateWithoutExpressionsRendersItsText() throws Exception {
        InputTemplate template = InputTemplate.of("{\"fixed\": true}");

        assertThat(template.text()).isEqualTo("{\"fixed\": true}");
        assertThat(template.render(Map.of())).isEqualTo("{\"fixed\": true}");
    }

    @Test
    void aSyntaxErrorIsATemplateExceptionWhenRendering() {
        assertThatThrownBy(() -> render("{\"a\": {{ __input__.name | }}}")).isInstanceOf(TemplateException.class);
        assertThatThrownBy(() -> render("{% if %}x{% endif %}")).isInstanceOf(TemplateException.class);
    }

    @Test
    void aSyntaxErrorIsATemplateExceptionWhenCheckingNames() {
        assertThatThrownBy(() -> InputTemplate.of("{% if %}x{% endif %}").unknownNames(Set.of("__input__")))
                .isInstanceOf(TemplateException.class);
    }

    @Test
    void unknownNamesAreTheVariablesThatAreNotKnown() throws Exception {
        InputTemplate template =
                InputTemplate.of("{\"a\": {{ __input__.a.b }}, \"b\": {{ Known.x[0] }}, \"c\": {{ Other.c }},"
                        + " \"d\": {{ third|upper }}, \"e\": {{ Other }}}");

        assertThat(template.unknownNames(Set.of("__input__", "Known"))).containsExactly("Other", "third");
    }

    @Test
    void aTemplateUsingOnlyKnownNamesHasNoUnknownNames() throws Exception {
        InputTemplate template =
                InputTemplate.of("{% for c in __input__.clients %}{{ c.name }}{% endfor %}{% set s = Step.x %}{{ s }}"
                        + "{{ __input__.name|upper }}{{ Step.list|length }}");

        assertThat(template.unknownNames(Set.of("__input__", "Step"))).isEmpty();
    }

    @Test
    void aFilterThatYieldsNothingForAKnownNameIsNotAnUnknownName() throws Exception {
        assertThat(InputTemplate.of("{{ __input__.items|first }}, {{ __input__.items|last }}")
                        .unknownNames(Set.of("__input__")))
                .isEmpty();
    }

    @Test
    void unknownNamesInStatementsAreFound() throws Exception {
        InputTemplate template = InputTemplate.of(
                "{% if gate %}x{% endif %}{% for i in source.list %}{{ i }}{% endfor %}{{ __input__ }}");

        assertThat(template.unknownNames(Set.of("__input__"))).containsExactly("gate", "source");
    }

    @Test
    void unknownNamesAreSortedAndListedOnce() throws Exception {
        InputTemplate template = InputTemplate.of("{{ b }} {{ a.x }} {{ b.y }}");

        assertThat(Arrays.asList(template.unknownNames(Set.of()).toArray())).containsExactly("a", "b");
    }

    @Test
    void arithmeticAndComparisonsOverKnownNamesAreFine() throws Exception {
        InputTemplate template = InputTemplate.of("{\"n\": {{ Step.n + 1 }}, \"big\": {{ Step.n > 3 }},"
                + " \"s\": {{ Step.s ~ 'x' }}, \"c\": {{ Step.a if Step.b else __input__.c }}}");

        assertThat(template.unknownNames(Set.of("__input__", "Step"))).isEmpty();
    }

    @Test
    void unknownNamesAreFoundInsideLargerExpressionsAndBranchesNotTaken() throws Exception {
        InputTemplate template = InputTemplate.of("{{ [Step.a, inList.b] }} {{ inFilter.b | default(1) }}"
                + " {{ {'k': inDict.v} }} {% if false %}{{ inBranch }}{% elif inElif %}{% endif %}"
                + " {{ Step.x + inSum.y }}");

        assertThat(template.unknownNames(Set.of("__input__", "Step")))
                .containsExactly("inBranch", "inDict", "inElif", "inFilter", "inList", "inSum");
    }

    @Test
    void anUnknownFilterIsATemplateException() {
        assertThatThrownBy(() -> InputTemplate.of("{{ __input__.a | shout }}").unknownNames(Set.of("__input__")))
                .isInstanceOf(TemplateException.class)
                .hasMessageContaining("unknown filter 'shout'");
    }
}
