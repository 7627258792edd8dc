package org.cpe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CpeCommandLineTest {

    /** The packaged demo plan (cpe-ejb's cpe/plans/cpe-demo.yml) without its comments. */
    private static final String VALID_PLAN =
            """
            name: cpe-demo
            version: "1"
            description: Demo of parallel steps with live progress
            default_execution_start_to_close_timeout: "3600"
            default_task_start_to_close_timeout: "60"
            input_spec:
              type: object
              required: [seconds, text]
              properties:
                seconds: {type: integer, minimum: 0, maximum: 600}
                text: {type: string}
                fail:
                  type: object
                  properties:
                    reason: {type: string}
                    details: {type: string}
            activities:
              - name: Test
                version: "1"
                heartbeat_timeout: "60"
                schedule_to_start_timeout: "600"
                start_to_close_timeout: "900"
                schedule_to_close_timeout: "1500"
                outputs_spec:
                  text: "$.echo"
                  sleptMs: "$.sleptMs"
              - name: Checksum
                version: "1"
                heartbeat_timeout: "60"
                schedule_to_start_timeout: "600"
                start_to_close_timeout: "60"
                schedule_to_close_timeout: "660"
                outputs_spec:
                  algorithm: "$.algorithm"
                  checksum: "$.checksum"
            steps:
              - name: prepare
                activity: Test
                input: |
                  {"sleepMs": {{__input__.seconds * 250}}, "steps": 5, "echo": {{__input__.text}}}
              - name: left
                activity: Test
                requires: [prepare]
                input: |
                  {"sleepMs": {{__input__.seconds * 500}}, "steps": 10, "echo": {{prepare.text}}, "fail": {{__input__.fail}}}
              - name: right
                activity: Test
                requires: [prepare]
                input: |
                  {"sleepMs": {{__input__.seconds * 400}}, "steps": 10, "echo": {{prepare.text}}}
              - name: checksum
                activity: Checksum
                requires: [[left, succeeded], [right, succeeded]]
                input: |
                  {"text": {{left.text}}, "algorithm": "SHA-256"}
            """;

    private static final String LEFT_REQUIRES_PREPARE = "  - name: left\n    activity: Test\n    requires: [prepare]\n";

    private static final String JOB =
            "{\"workflow\": {\"name\": \"cpe-demo\", \"version\": \"1\"}," + " \"seconds\": 0, \"text\": \"hello\"}";

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int cpe(String... args) {
        return Cpe.run(args, new PrintWriter(out), new PrintWriter(err), false);
    }

    private Path file(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    private static String invalidPlan() {
        assertThat(VALID_PLAN).contains(LEFT_REQUIRES_PREPARE);
        return VALID_PLAN.replace(LEFT_REQUIRES_PREPARE, LEFT_REQUIRES_PREPARE.replace("[prepare]", "[nothing]"));
    }

    @Test
    void aValidPlanIsValidWithItsStages() throws IOException {
        Path plan = file("cpe-demo.yml", VALID_PLAN);

        int status = cpe("plans", "validate", plan.toString());

        assertThat(status).isEqualTo(0);
        assertThat(out.toString())
                .startsWith("VALID " + plan)
                .contains("cpe-demo 1, 4 steps")
                .contains("[prepare] -> [left, right] -> [checksum]");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void aPlanWithAnUnknownRequirementIsInvalidAndNamesIt() throws IOException {
        Path plan = file("broken.yml", invalidPlan());

        int status = cpe("plans", "validate", plan.toString());

        assertThat(status).isEqualTo(3);
        assertThat(out.toString()).startsWith("INVALID " + plan).contains("'nothing'");
        assertThat(out.toString()).doesNotContainPattern("(?m)^VALID ");
    }

    @Test
    void anInvalidPlanInJsonIsOneLineSayingNotValid() throws IOException {
        Path plan = file("broken.yml", invalidPlan());

        int status = cpe("plans", "validate", "--json", plan.toString());

        assertThat(status).isEqualTo(3);
        String[] lines = out.toString().strip().split("\\R");
        assertThat(lines).hasSize(1);
        JsonNode verdict = new ObjectMapper().readTree(lines[0]);
        assertThat(verdict.path("valid").isBoolean()).isTrue();
        assertThat(verdict.path("valid").booleanValue()).isFalse();
        assertThat(verdict.path("problems").toString()).contains("nothing");
    }

    @Test
    void aValidPlanInJsonCarriesItsStages() throws IOException {
        Path plan = file("cpe-demo.yml", VALID_PLAN);

        int status = cpe("--json", "plans", "validate", plan.toString());

        assertThat(status).isEqualTo(0);
        JsonNode verdict = new ObjectMapper().readTree(out.toString().strip());
        assertThat(verdict.path("valid").booleanValue()).isTrue();
        assertThat(verdict.path("graph").path("stages").toString())
                .isEqualTo("[[\"prepare\"],[\"left\",\"right\"],[\"checksum\"]]");
    }

    @Test
    void oneInvalidPlanAmongValidOnesMakesTheCheckFail() throws IOException {
        Path valid = file("cpe-demo.yml", VALID_PLAN);
        Path invalid = file("broken.yml", invalidPlan());

        int status = cpe("plans", "validate", valid.toString(), invalid.toString());

        assertThat(status).isEqualTo(3);
        assertThat(out.toString())
                .containsPattern("(?m)^VALID " + Pattern.quote(valid.toString()))
                .containsPattern("(?m)^INVALID " + Pattern.quote(invalid.toString()));
    }

    @Test
    void aMissingPlanFileIsAUsageError() {
        int status = cpe("plans", "validate", dir.resolve("absent.yml").toString());

        assertThat(status).isEqualTo(2);
        assertThat(err.toString()).startsWith("error:").contains("absent.yml");
    }

    @Test
    void submittingAMissingFileIsAUsageError() {
        int status = cpe("submit", dir.resolve("absent.json").toString(), "--endpoint", "http://127.0.0.1:1");

        assertThat(status).isEqualTo(2);
        assertThat(err.toString()).startsWith("error:").contains("absent.json");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void submittingAJobFileWithoutAWorkflowIsAUsageErrorThatSaysWhy() throws IOException {
        Path job = file("job.json", "{\"seconds\": 0, \"text\": \"hello\"}");

        int status = cpe("submit", job.toString(), "--endpoint", "http://127.0.0.1:1");

        assertThat(status).isEqualTo(2);
        assertThat(err.toString()).startsWith("error: " + job).contains("\"workflow\"");
    }

    @Test
    void submittingWithNoSqsToReachIsUnreachable() throws IOException {
        Path job = file("job.json", JOB);

        int status = cpe(
                "submit", job.toString(), "--name", "demo", "--endpoint", "http://127.0.0.1:1", "--reply-timeout", "1");

        assertThat(status).isEqualTo(4);
        assertThat(err.toString()).startsWith("error:").contains("127.0.0.1:1");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void anEndpointThatIsNeitherAwsNorAUrlIsAUsageError() throws IOException {
        Path job = file("job.json", JOB);

        int status = cpe("submit", job.toString(), "--endpoint", "file:///tmp/sqs");

        assertThat(status).isEqualTo(2);
        assertThat(err.toString()).startsWith("error:").contains("file:///tmp/sqs");
    }

    @Test
    void anUnknownSubcommandIsAUsageError() {
        int status = cpe("frobnicate");

        assertThat(status).isEqualTo(2);
        assertThat(err.toString()).contains("frobnicate");
    }

    @Test
    void aMissingJobFileArgumentIsAUsageError() {
        int status = cpe("submit");

        assertThat(status).isEqualTo(2);
        assertThat(err.toString()).contains("JOB_FILE");
    }

    @Test
    void helpListsEveryCommand() {
        int status = cpe("--help");

        assertThat(status).isEqualTo(0);
        assertThat(out.toString())
                .containsPattern("(?m)^\\s+submit\\s")
                .containsPattern("(?m)^\\s+status\\s")
                .containsPattern("(?m)^\\s+list\\s")
                .containsPattern("(?m)^\\s+cancel\\s")
                .containsPattern("(?m)^\\s+watch\\s")
                .containsPattern("(?m)^\\s+plans\\s")
                .contains("Exit status:");
    }

    @Test
    void withoutACommandItPrintsTheUsage() {
        int status = cpe();

        assertThat(status).isEqualTo(0);
        assertThat(out.toString()).startsWith("Usage: cpe").containsPattern("(?m)^\\s+submit\\s");
    }

    @Test
    void hashPasswordPrintsAHashThatTheServerAccepts() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();

        int status = Cpe.run(
                new String[] {"hash-password"},
                new java.io.BufferedReader(new java.io.StringReader("s3cret pass\n")),
                new PrintWriter(out),
                new PrintWriter(err),
                false);

        String hash = out.toString().trim();
        assertThat(status).as(err.toString()).isZero();
        assertThat(hash).startsWith("PBKDF2WithHmacSHA256:").doesNotContain("s3cret");
        assertThat(org.cpe.client.PasswordHash.matches("s3cret pass".toCharArray(), hash))
                .isTrue();
        assertThat(org.cpe.client.PasswordHash.matches("s3cret pas".toCharArray(), hash))
                .isFalse();
    }

    @Test
    void hashPasswordRefusesAnEmptyPassword() {
        StringWriter err = new StringWriter();

        int status = Cpe.run(
                new String[] {"hash-password"},
                new java.io.BufferedReader(new java.io.StringReader("")),
                new PrintWriter(new StringWriter()),
                new PrintWriter(err),
                false);

        assertThat(status).isEqualTo(2);
        assertThat(err.toString()).contains("no password given");
    }
}
