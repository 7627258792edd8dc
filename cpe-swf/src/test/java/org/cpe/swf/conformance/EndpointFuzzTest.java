package org.cpe.swf.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.cpe.swf.engine.EngineOptions;
import org.junit.jupiter.api.Test;

/**
 * Fuzzing of the HTTP endpoint: valid requests of every operation, mutated (members dropped, values of the wrong
 * type, huge strings, deep nesting, unknown members, cut-off and corrupted text, random bytes, unknown targets), sent
 * from several threads. Every answer is a 200 or an SWF fault with a type and a message, never a 5xx, and afterwards
 * the service still runs a workflow. The seed is fixed, so a failure repeats ({@code -Dfuzz.seed}, {@code
 * -Dfuzz.requests} to explore).
 */
class EndpointFuzzTest {

    private static final String JSON_1_0 = "application/x-amz-json-1.0";
    private static final long SEED = Long.getLong("fuzz.seed", 20261124L);
    private static final int REQUESTS = Integer.getInteger("fuzz.requests", 3000);

    @Test
    void mutatedAndRandomRequestsGetFaultsNeverServerErrorsAndTheServiceKeepsServing() throws Exception {
        try (SwfService service = SwfService.start(EngineOptions.defaults().withPollTimeout(Duration.ofMillis(200)))) {
            Workflows wf = new Workflows(service.client());
            Runs.start(wf, "fuzz-seed-run", r -> {});
            Map<String, Map<String, Object>> seeds = seeds(wf);
            HttpClient http = HttpClient.newBuilder()
                    .connectTimeout(Duration.ofSeconds(5))
                    .build();
            Map<String, String> failures = new ConcurrentHashMap<>();
            Map<Integer, Integer> statuses = new ConcurrentHashMap<>();
            ExecutorService pool = Executors.newFixedThreadPool(8);
            try {
                List<Future<?>> sent = new ArrayList<>();
                for (int i = 0; i < REQUESTS; i++) {
                    long seed = SEED + i;
                    sent.add(pool.submit(() -> {
                        Random random = new Random(seed);
                        Request request = mutate(random, seeds);
                        try {
                            HttpResponse<String> reply = http.send(
                                    HttpRequest.newBuilder(service.endpoint())
                                            .timeout(Duration.ofSeconds(30))
                                            .header("Content-Type", request.contentType)
                                            .header("X-Amz-Target", request.target)
                                            .POST(HttpRequest.BodyPublishers.ofByteArray(request.body))
                                            .build(),
                                    HttpResponse.BodyHandlers.ofString());
                            statuses.merge(reply.statusCode(), 1, Integer::sum);
                            String problem = problem(reply);
                            if (problem != null) {
                                failures.put("seed " + seed + " " + request.target, problem + ": " + preview(request));
                            }
                        } catch (Exception e) {
                            failures.put("seed " + seed + " " + request.target, "no answer: " + e);
                        }
                        return null;
                    }));
                }
                for (Future<?> f : sent) {
                    f.get();
                }
            } finally {
                pool.shutdownNow();
            }
            assertThat(failures)
                    .as("requests answered wrongly (status counts %s)", statuses)
                    .isEmpty();
            assertThat(statuses).containsKeys(200, 400);
            String list = "after-fuzz-" + UUID.randomUUID();
            String runId = Runs.start(wf, "after-fuzz", r -> r.taskList(t -> t.name(list)));
            assertThat(Runs.decisionTask(wf, list).workflowExecution().runId()).isEqualTo(runId);
        }
    }

    /** Why a reply is wrong, or null: a 5xx, or a refusal without SWF's {@code __type} and {@code message}. */
    private static String problem(HttpResponse<String> reply) {
        int status = reply.statusCode();
        if (status >= 500) {
            return "HTTP " + status + " " + reply.body();
        }
        if (status != 200
                && (!reply.body().contains("\"__type\"") || !reply.body().contains("\"message\""))) {
            return "HTTP " + status + " without an SWF fault: " + reply.body();
        }
        return null;
    }

    private record Request(String target, String contentType, byte[] body) {}

    private static Request mutate(Random random, Map<String, Map<String, Object>> seeds) {
        List<String> operations = new ArrayList<>(seeds.keySet());
        String operation = operations.get(random.nextInt(operations.size()));
        Map<String, Object> body = deepCopy(seeds.get(operation));
        String target = "SimpleWorkflowService." + operation;
        String contentType = JSON_1_0;
        int mutations = 1 + random.nextInt(3);
        for (int i = 0; i < mutations; i++) {
            switch (random.nextInt(8)) {
                case 0 -> removeMember(random, body);
                case 1, 2 -> replaceValue(random, body, randomValue(random, 0));
                case 3 -> replaceValue(random, body, "x".repeat(32_768 + random.nextInt(10_000)));
                case 4 -> replaceValue(random, body, nested(random.nextInt(2) == 0 ? 50 : 600));
                case 5 -> body.put("unknown" + random.nextInt(100), randomValue(random, 0));
                case 6 -> target = random.nextBoolean()
                        ? "SimpleWorkflowService.Nope" + random.nextInt(10)
                        : "com.amazonaws.swf.service.model.SimpleWorkflowService." + operation;
                default -> contentType = random.nextBoolean() ? "application/json" : "text/plain";
            }
        }
        byte[] text = Json.write(body).getBytes(StandardCharsets.UTF_8);
        switch (random.nextInt(10)) {
            case 0 -> text = java.util.Arrays.copyOf(text, random.nextInt(Math.max(1, text.length)));
            case 1 -> {
                for (int i = 0; i < 1 + random.nextInt(5); i++) {
                    text[random.nextInt(text.length)] = (byte) random.nextInt(256);
                }
            }
            case 2 -> {
                text = new byte[random.nextInt(2000)];
                random.nextBytes(text);
            }
            default -> {
                // the structured mutation alone
            }
        }
        return new Request(target, contentType, text);
    }

    @SuppressWarnings("unchecked")
    private static void removeMember(Random random, Map<String, Object> body) {
        Map<String, Object> target = randomObject(random, body);
        if (!target.isEmpty()) {
            List<String> keys = new ArrayList<>(target.keySet());
            target.remove(keys.get(random.nextInt(keys.size())));
        }
    }

    private static void replaceValue(Random random, Map<String, Object> body, Object value) {
        Map<String, Object> target = randomObject(random, body);
        if (target.isEmpty()) {
            target.put("member", value);
        } else {
            List<String> keys = new ArrayList<>(target.keySet());
            target.put(keys.get(random.nextInt(keys.size())), value);
        }
    }

    /** The body or one of the objects nested in it. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> randomObject(Random random, Map<String, Object> body) {
        Map<String, Object> current = body;
        while (random.nextInt(3) == 0) {
            List<Map<String, Object>> children = new ArrayList<>();
            for (Object v : current.values()) {
                if (v instanceof Map) {
                    children.add((Map<String, Object>) v);
                }
                if (v instanceof List<?> list) {
                    list.stream().filter(Map.class::isInstance).forEach(m -> children.add((Map<String, Object>) m));
                }
            }
            if (children.isEmpty()) {
                break;
            }
            current = children.get(random.nextInt(children.size()));
        }
        return current;
    }

    private static Object randomValue(Random random, int depth) {
        return switch (random.nextInt(depth > 2 ? 7 : 9)) {
            case 0 -> null;
            case 1 -> random.nextBoolean();
            case 2 -> random.nextLong();
            case 3 -> random.nextDouble() * 1e300;
            case 4 -> "";
            case 5 -> "-1";
            case 6 -> "\u0000\uD800 ünï \"'<>" + random.nextInt();
            case 7 -> java.util.Arrays.asList(randomValue(random, depth + 1), randomValue(random, depth + 1));
            default -> {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("name", randomValue(random, depth + 1));
                yield m;
            }
        };
    }

    private static Object nested(int depth) {
        Object value = "deep";
        for (int i = 0; i < depth; i++) {
            value = Collections.singletonList(value);
        }
        return value;
    }

    /** A valid request of each operation, against the test's domain and types. */
    private static Map<String, Map<String, Object>> seeds(Workflows wf) {
        Map<String, Object> workflowType = Map.of("name", wf.workflowType.name(), "version", wf.workflowType.version());
        Map<String, Object> activityType = Map.of("name", wf.activityType.name(), "version", wf.activityType.version());
        Map<String, Object> execution = Map.of("workflowId", "fuzz-seed-run");
        Map<String, Object> decisionList = Map.of("name", wf.decisionList);
        Map<String, Object> filter = Map.of("oldestDate", 0, "latestDate", 4_000_000_000L);
        Map<String, Map<String, Object>> seeds = new LinkedHashMap<>();
        seeds.put(
                "RegisterDomain",
                Map.of("name", "fuzz-" + UUID.randomUUID(), "workflowExecutionRetentionPeriodInDays", "1"));
        seeds.put(
                "RegisterWorkflowType",
                Map.of(
                        "domain",
                        wf.domain,
                        "name",
                        "fuzz-wf",
                        "version",
                        "1",
                        "defaultTaskList",
                        decisionList,
                        "defaultChildPolicy",
                        "TERMINATE",
                        "defaultExecutionStartToCloseTimeout",
                        "60",
                        "defaultTaskStartToCloseTimeout",
                        "10"));
        seeds.put(
                "RegisterActivityType",
                Map.of(
                        "domain",
                        wf.domain,
                        "name",
                        "fuzz-act",
                        "version",
                        "1",
                        "defaultTaskHeartbeatTimeout",
                        "NONE",
                        "defaultTaskScheduleToStartTimeout",
                        "60"));
        seeds.put(
                "StartWorkflowExecution",
                Map.of(
                        "domain",
                        wf.domain,
                        "workflowId",
                        "fuzz-start",
                        "workflowType",
                        workflowType,
                        "input",
                        "{}",
                        "tagList",
                        List.of("a", "b"),
                        "executionStartToCloseTimeout",
                        "60",
                        "taskStartToCloseTimeout",
                        "10",
                        "childPolicy",
                        "TERMINATE"));
        seeds.put(
                "PollForDecisionTask",
                Map.of("domain", wf.domain, "taskList", decisionList, "maximumPageSize", 10, "reverseOrder", false));
        seeds.put("PollForActivityTask", Map.of("domain", wf.domain, "taskList", Map.of("name", wf.activityList)));
        seeds.put(
                "RespondDecisionTaskCompleted",
                Map.of(
                        "taskToken",
                        "AAAA",
                        "decisions",
                        List.of(
                                Map.of(
                                        "decisionType",
                                        "ScheduleActivityTask",
                                        "scheduleActivityTaskDecisionAttributes",
                                        Map.of("activityId", "a1", "activityType", activityType, "input", "x")),
                                Map.of(
                                        "decisionType",
                                        "CompleteWorkflowExecution",
                                        "completeWorkflowExecutionDecisionAttributes",
                                        Map.of("result", "done")))));
        seeds.put("RecordActivityTaskHeartbeat", Map.of("taskToken", "AAAA", "details", "50%"));
        seeds.put("RespondActivityTaskCompleted", Map.of("taskToken", "AAAA", "result", "ok"));
        seeds.put("RespondActivityTaskFailed", Map.of("taskToken", "AAAA", "reason", "r", "details", "d"));
        seeds.put("RespondActivityTaskCanceled", Map.of("taskToken", "AAAA", "details", "d"));
        seeds.put(
                "SignalWorkflowExecution",
                Map.of("domain", wf.domain, "workflowId", "fuzz-seed-run", "signalName", "s", "input", "i"));
        seeds.put("RequestCancelWorkflowExecution", Map.of("domain", wf.domain, "workflowId", "fuzz-none"));
        seeds.put(
                "TerminateWorkflowExecution",
                Map.of("domain", wf.domain, "workflowId", "fuzz-none", "reason", "r", "childPolicy", "ABANDON"));
        seeds.put("DescribeWorkflowExecution", Map.of("domain", wf.domain, "execution", execution));
        seeds.put(
                "GetWorkflowExecutionHistory",
                Map.of("domain", wf.domain, "execution", execution, "maximumPageSize", 5, "reverseOrder", true));
        seeds.put(
                "ListOpenWorkflowExecutions",
                Map.of(
                        "domain",
                        wf.domain,
                        "startTimeFilter",
                        filter,
                        "typeFilter",
                        Map.of("name", "wf"),
                        "maximumPageSize",
                        3));
        seeds.put(
                "ListClosedWorkflowExecutions",
                Map.of(
                        "domain",
                        wf.domain,
                        "closeTimeFilter",
                        filter,
                        "closeStatusFilter",
                        Map.of("status", "COMPLETED")));
        seeds.put("CountOpenWorkflowExecutions", Map.of("domain", wf.domain, "startTimeFilter", filter));
        seeds.put("CountPendingDecisionTasks", Map.of("domain", wf.domain, "taskList", decisionList));
        seeds.put("DescribeDomain", Map.of("name", wf.domain));
        seeds.put("ListDomains", Map.of("registrationStatus", "REGISTERED", "maximumPageSize", 2));
        seeds.put("DescribeWorkflowType", Map.of("domain", wf.domain, "workflowType", workflowType));
        seeds.put("ListActivityTypes", Map.of("domain", wf.domain, "registrationStatus", "REGISTERED"));
        seeds.put(
                "DeprecateActivityType",
                Map.of("domain", wf.domain, "activityType", Map.of("name", "fuzz-none", "version", "1")));
        return seeds;
    }

    @SuppressWarnings("unchecked")
    private static <T> T deepCopy(T value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put((String) k, deepCopy(v)));
            return (T) copy;
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>();
            list.forEach(v -> copy.add(deepCopy(v)));
            return (T) copy;
        }
        return value;
    }

    private static String preview(Request request) {
        String text = new String(request.body, StandardCharsets.UTF_8);
        return text.length() > 300 ? text.substring(0, 300) + "…" : text;
    }

    /** Just enough JSON writing for the fuzzer's bodies. */
    static final class Json {

        static String write(Object value) {
            StringBuilder out = new StringBuilder();
            write(value, out);
            return out.toString();
        }

        private static void write(Object value, StringBuilder out) {
            if (value == null) {
                out.append("null");
            } else if (value instanceof String s) {
                out.append('"');
                for (char c : s.toCharArray()) {
                    if (c == '"' || c == '\\') {
                        out.append('\\').append(c);
                    } else if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
                out.append('"');
            } else if (value instanceof Map<?, ?> map) {
                out.append('{');
                boolean first = true;
                for (Map.Entry<?, ?> e : map.entrySet()) {
                    if (!first) {
                        out.append(',');
                    }
                    first = false;
                    write(e.getKey().toString(), out);
                    out.append(':');
                    write(e.getValue(), out);
                }
                out.append('}');
            } else if (value instanceof List<?> list) {
                out.append('[');
                for (int i = 0; i < list.size(); i++) {
                    if (i > 0) {
                        out.append(',');
                    }
                    write(list.get(i), out);
                }
                out.append(']');
            } else {
                out.append(value);
            }
        }
    }
}
