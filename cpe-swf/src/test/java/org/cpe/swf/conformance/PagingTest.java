package org.cpe.swf.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static software.amazon.awssdk.services.swf.model.EventType.*;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.swf.model.*;

/** Histories, decision tasks and lists come in pages chained by nextPageToken, and only their own tokens count. */
class PagingTest {

    private static final String VALIDATION = "ValidationException";
    private static final Comparator<WorkflowExecutionInfo> NEWEST_FIRST =
            Comparator.comparing(WorkflowExecutionInfo::startTimestamp).reversed();

    private static SwfService service;
    private Workflows wf;
    private final Instant since = Instant.now().minusSeconds(60);

    @BeforeAll
    static void startService() {
        service = SwfService.start();
    }

    @AfterAll
    static void stopService() {
        service.close();
    }

    @BeforeEach
    void registerTypes() {
        wf = new Workflows(service.client());
    }

    @Test
    void historyPagesOfThreeWalkEveryEventInOrderAndBackwards() {
        String runId = wf.start("h");
        signal("h", 5);
        List<HistoryEvent> all = wf.history("h", runId);
        assertThat(all).hasSize(7);

        List<List<HistoryEvent>> forward = historyPages("h", runId, false);
        List<List<HistoryEvent>> backward = historyPages("h", runId, true);

        assertThat(forward).extracting(List::size).containsExactly(3, 3, 1);
        assertThat(forward.stream().flatMap(List::stream).toList()).isEqualTo(all);
        assertThat(backward).extracting(List::size).containsExactly(3, 3, 1);
        assertThat(backward.stream().flatMap(List::stream).map(HistoryEvent::eventId))
                .containsExactly(7L, 6L, 5L, 4L, 3L, 2L, 1L);
    }

    @Test
    void decisionTaskHistoryPagesComeWithTheSameTaskTokenFromLaterPolls() {
        String runId = wf.start("dp");
        signal("dp", 4);

        PollForDecisionTaskResponse first = service.client().pollForDecisionTask(r -> r.domain(wf.domain)
                .taskList(t -> t.name(wf.decisionList))
                .identity("decider")
                .maximumPageSize(2));
        assertThat(first.taskToken()).isNotEmpty();
        assertThat(first.events()).extracting(HistoryEvent::eventId).containsExactly(1L, 2L);
        assertThat(first.nextPageToken()).isNotNull();
        signal("dp", 1); // arrives after the task started: not part of its history

        List<HistoryEvent> events = new ArrayList<>(first.events());
        String next = first.nextPageToken();
        int pages = 1;
        while (next != null) {
            String token = next;
            PollForDecisionTaskResponse page = service.client().pollForDecisionTask(r -> r.domain(wf.domain)
                    .taskList(t -> t.name(wf.decisionList))
                    .identity("decider")
                    .maximumPageSize(2)
                    .nextPageToken(token));
            assertThat(page.taskToken()).isEqualTo(first.taskToken());
            assertThat(page.startedEventId()).isEqualTo(first.startedEventId());
            assertThat(page.workflowExecution()).isEqualTo(first.workflowExecution());
            assertThat(page.workflowType()).isEqualTo(wf.workflowType);
            assertThat(page.events()).hasSizeLessThanOrEqualTo(2).isNotEmpty();
            events.addAll(page.events());
            next = page.nextPageToken();
            pages++;
        }

        assertThat(pages).isEqualTo(4);
        assertThat(first.startedEventId()).isEqualTo(7L);
        assertThat(events).isEqualTo(wf.history("dp", runId).subList(0, 7));
        assertThat(events)
                .extracting(HistoryEvent::eventType)
                .endsWith(WORKFLOW_EXECUTION_SIGNALED, DECISION_TASK_STARTED);
        wf.decide(first.taskToken());
        assertThat(wf.eventTypes("dp", runId)).contains(DECISION_TASK_COMPLETED);
    }

    @Test
    void openAndClosedExecutionListsPageInDescendingStartOrder() {
        for (int i = 0; i < 5; i++) {
            wf.start("open-" + i);
        }
        for (int i = 0; i < 5; i++) {
            wf.start("closed-" + i);
            String id = "closed-" + i;
            service.client().terminateWorkflowExecution(r -> r.domain(wf.domain).workflowId(id));
        }

        List<List<WorkflowExecutionInfo>> open = new ArrayList<>();
        String next = null;
        do {
            String token = next;
            ListOpenWorkflowExecutionsResponse page = service.client()
                    .listOpenWorkflowExecutions(r -> r.domain(wf.domain)
                            .startTimeFilter(f -> f.oldestDate(since))
                            .maximumPageSize(2)
                            .nextPageToken(token));
            open.add(page.executionInfos());
            next = page.nextPageToken();
        } while (next != null);
        List<List<WorkflowExecutionInfo>> closed = new ArrayList<>();
        next = null;
        do {
            String token = next;
            ListClosedWorkflowExecutionsResponse page = service.client()
                    .listClosedWorkflowExecutions(r -> r.domain(wf.domain)
                            .startTimeFilter(f -> f.oldestDate(since))
                            .maximumPageSize(2)
                            .nextPageToken(token));
            closed.add(page.executionInfos());
            next = page.nextPageToken();
        } while (next != null);

        assertThat(open).extracting(List::size).containsExactly(2, 2, 1);
        List<WorkflowExecutionInfo> allOpen =
                open.stream().flatMap(List::stream).toList();
        assertThat(allOpen)
                .extracting(i -> i.execution().workflowId())
                .containsExactlyInAnyOrder("open-4", "open-3", "open-2", "open-1", "open-0");
        assertThat(allOpen).isSortedAccordingTo(NEWEST_FIRST);
        assertThat(closed.stream().mapToInt(List::size).max().orElseThrow()).isLessThanOrEqualTo(2);
        List<WorkflowExecutionInfo> allClosed =
                closed.stream().flatMap(List::stream).toList();
        assertThat(allClosed)
                .extracting(i -> i.execution().workflowId())
                .containsExactlyInAnyOrder("closed-4", "closed-3", "closed-2", "closed-1", "closed-0");
        assertThat(allClosed).isSortedAccordingTo(NEWEST_FIRST);
        assertThat(allClosed).allSatisfy(i -> assertThat(i.closeStatus()).isEqualTo(CloseStatus.TERMINATED));
    }

    @Test
    void openListPagesNeitherRepeatNorSkipWhenExecutionsStartOrCloseBetweenPages() {
        List<String> started = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            started.add("listed-" + i);
            wf.start("listed-" + i);
        }
        ListOpenWorkflowExecutionsResponse first = listOpen(null);
        assertThat(first.executionInfos()).hasSize(2);
        wf.start("newcomer");
        for (WorkflowExecutionInfo listed : first.executionInfos()) {
            service.client().terminateWorkflowExecution(r -> r.domain(wf.domain)
                    .workflowId(listed.execution().workflowId()));
        }

        List<String> seen = new ArrayList<>();
        first.executionInfos().forEach(i -> seen.add(i.execution().workflowId()));
        String next = first.nextPageToken();
        while (next != null) {
            ListOpenWorkflowExecutionsResponse page = listOpen(next);
            page.executionInfos().forEach(i -> seen.add(i.execution().workflowId()));
            next = page.nextPageToken();
        }

        assertThat(seen)
                .as("each execution open throughout the listing once; one started meanwhile may or may not show")
                .doesNotHaveDuplicates()
                .containsAll(started)
                .isSubsetOf(concat(started, "newcomer"));
    }

    @Test
    void domainListPagesNeitherRepeatNorSkipWhenADomainIsRegisteredBetweenPages() {
        String prefix = "between-" + UUID.randomUUID().toString().substring(0, 6) + "-";
        List<String> mine = List.of(prefix + "a", prefix + "b", prefix + "c", prefix + "d");
        mine.forEach(
                name -> service.client().registerDomain(r -> r.name(name).workflowExecutionRetentionPeriodInDays("1")));
        List<String> before = listDomainNames(1000);

        List<String> seen = new ArrayList<>();
        String next = null;
        boolean registered = false;
        do {
            String token = next;
            ListDomainsResponse page = service.client()
                    .listDomains(r -> r.registrationStatus(RegistrationStatus.REGISTERED)
                            .maximumPageSize(2)
                            .nextPageToken(token));
            page.domainInfos().forEach(d -> seen.add(d.name()));
            next = page.nextPageToken();
            if (!registered) {
                // sorts before every name already listed
                service.client().registerDomain(r -> r.name("0-" + prefix).workflowExecutionRetentionPeriodInDays("1"));
                registered = true;
            }
        } while (next != null);

        assertThat(seen).doesNotHaveDuplicates().containsAll(before).isSubsetOf(concat(before, "0-" + prefix));
    }

    @Test
    void pageSizesOutsideOneToAThousandAreValidationErrors() {
        wf.start("sized");
        Runs.assertFault(
                () -> service.client().listOpenWorkflowExecutions(r -> r.domain(wf.domain)
                        .startTimeFilter(f -> f.oldestDate(since))
                        .maximumPageSize(1001)),
                VALIDATION);
        Runs.assertFault(
                () -> service.client().getWorkflowExecutionHistory(r -> r.domain(wf.domain)
                        .execution(wf.execution("sized", "any"))
                        .maximumPageSize(-1)),
                VALIDATION);
        Runs.assertFault(
                () -> service.client().listDomains(r -> r.registrationStatus(RegistrationStatus.REGISTERED)
                        .maximumPageSize(5000)),
                VALIDATION);
    }

    @Test
    void domainListPagesInAlphabeticalOrder() {
        String prefix = "paged-" + UUID.randomUUID().toString().substring(0, 6) + "-";
        List<String> mine = List.of(prefix + "c", prefix + "a", prefix + "e", prefix + "b", prefix + "d");
        mine.forEach(
                name -> service.client().registerDomain(r -> r.name(name).workflowExecutionRetentionPeriodInDays("1")));

        List<List<DomainInfo>> pages = new ArrayList<>();
        String next = null;
        do {
            String token = next;
            ListDomainsResponse page = service.client()
                    .listDomains(r -> r.registrationStatus(RegistrationStatus.REGISTERED)
                            .maximumPageSize(2)
                            .nextPageToken(token));
            pages.add(page.domainInfos());
            next = page.nextPageToken();
        } while (next != null);

        assertThat(pages).allSatisfy(p -> assertThat(p).hasSizeBetween(1, 2));
        List<String> names =
                pages.stream().flatMap(List::stream).map(DomainInfo::name).toList();
        assertThat(names).doesNotHaveDuplicates().isSortedAccordingTo(Comparator.naturalOrder());
        assertThat(names.stream().filter(n -> n.startsWith(prefix)))
                .containsExactly(prefix + "a", prefix + "b", prefix + "c", prefix + "d", prefix + "e");
        assertThat(names).contains(wf.domain);
    }

    @Test
    void garbageOrForeignPageTokensAreValidationErrors() {
        String runId = wf.start("t1");
        String otherRun = wf.start("t2");
        signal("t1", 5);
        signal("t2", 5);
        wf.start("t3");
        String historyToken = service.client()
                .getWorkflowExecutionHistory(r ->
                        r.domain(wf.domain).execution(wf.execution("t1", runId)).maximumPageSize(2))
                .nextPageToken();
        String openToken = service.client()
                .listOpenWorkflowExecutions(r -> r.domain(wf.domain)
                        .startTimeFilter(f -> f.oldestDate(since))
                        .maximumPageSize(1))
                .nextPageToken();
        String decisionToken = service.client()
                .pollForDecisionTask(r -> r.domain(wf.domain)
                        .taskList(t -> t.name(wf.decisionList))
                        .maximumPageSize(1))
                .nextPageToken();
        assertThat(List.of(historyToken, openToken, decisionToken)).doesNotContainNull();
        String garbage = "not a token!";
        String base64Garbage = Base64.getEncoder().encodeToString("1|2|3|4|5|garbage".getBytes(StandardCharsets.UTF_8));

        for (String bad : List.of(garbage, base64Garbage, openToken, decisionToken)) {
            Runs.assertFault(
                    () -> service.client().getWorkflowExecutionHistory(r -> r.domain(wf.domain)
                            .execution(wf.execution("t1", runId))
                            .nextPageToken(bad)),
                    VALIDATION);
        }
        Runs.assertFault(
                () -> service.client().getWorkflowExecutionHistory(r -> r.domain(wf.domain)
                        .execution(wf.execution("t2", otherRun))
                        .nextPageToken(historyToken)),
                VALIDATION);
        for (String bad : List.of(garbage, base64Garbage, historyToken, openToken)) {
            Runs.assertFault(
                    () -> service.client().pollForDecisionTask(r -> r.domain(wf.domain)
                            .taskList(t -> t.name(wf.decisionList))
                            .nextPageToken(bad)),
                    VALIDATION);
        }
        for (String bad : List.of(garbage, base64Garbage, historyToken)) {
            Runs.assertFault(
                    () -> service.client().listOpenWorkflowExecutions(r -> r.domain(wf.domain)
                            .startTimeFilter(f -> f.oldestDate(since))
                            .nextPageToken(bad)),
                    VALIDATION);
            Runs.assertFault(
                    () -> service.client().listClosedWorkflowExecutions(r -> r.domain(wf.domain)
                            .startTimeFilter(f -> f.oldestDate(since))
                            .nextPageToken(bad)),
                    VALIDATION);
            Runs.assertFault(
                    () -> service.client().listDomains(r -> r.registrationStatus(RegistrationStatus.REGISTERED)
                            .nextPageToken(bad)),
                    VALIDATION);
        }
        Runs.assertFault(
                () -> service.client().listDomains(r -> r.registrationStatus(RegistrationStatus.REGISTERED)
                        .nextPageToken(openToken)),
                VALIDATION);
    }

    private ListOpenWorkflowExecutionsResponse listOpen(String token) {
        return service.client().listOpenWorkflowExecutions(r -> r.domain(wf.domain)
                .startTimeFilter(f -> f.oldestDate(since))
                .maximumPageSize(2)
                .nextPageToken(token));
    }

    private List<String> listDomainNames(int pageSize) {
        return service
                .client()
                .listDomains(
                        r -> r.registrationStatus(RegistrationStatus.REGISTERED).maximumPageSize(pageSize))
                .domainInfos()
                .stream()
                .map(DomainInfo::name)
                .toList();
    }

    private static List<String> concat(List<String> list, String one) {
        List<String> all = new ArrayList<>(list);
        all.add(one);
        return all;
    }

    private void signal(String workflowId, int times) {
        for (int i = 0; i < times; i++) {
            int n = i;
            service.client()
                    .signalWorkflowExecution(
                            r -> r.domain(wf.domain).workflowId(workflowId).signalName("s" + n));
        }
    }

    private List<List<HistoryEvent>> historyPages(String workflowId, String runId, boolean reverse) {
        List<List<HistoryEvent>> pages = new ArrayList<>();
        String next = null;
        do {
            String token = next;
            GetWorkflowExecutionHistoryResponse page = service.client()
                    .getWorkflowExecutionHistory(r -> r.domain(wf.domain)
                            .execution(wf.execution(workflowId, runId))
                            .maximumPageSize(3)
                            .reverseOrder(reverse)
                            .nextPageToken(token));
            pages.add(page.events());
            next = page.nextPageToken();
        } while (next != null);
        return pages;
    }
}
