package org.cpe.swf.engine;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;
import org.cpe.swf.store.ExecutionRecord;
import software.amazon.awssdk.services.swf.model.*;

/** Describe, history, list and count: open executions from memory, closed ones from the store. */
final class Visibility {

    /** Open executions by start time then run id; a position is the start in epoch milliseconds and the run id. */
    private static final Page.Order<WorkflowExecutionInfo> OPEN_ORDER = new Page.Order<>(
            Comparator.comparing(WorkflowExecutionInfo::startTimestamp)
                    .thenComparing(i -> i.execution().runId()),
            i -> i.startTimestamp().toEpochMilli() + ":" + i.execution().runId(),
            key -> {
                int colon = key.indexOf(':');
                return WorkflowExecutionInfo.builder()
                        .startTimestamp(Instant.ofEpochMilli(Long.parseLong(key.substring(0, colon))))
                        .execution(e -> e.runId(key.substring(colon + 1)))
                        .build();
            });

    private final SwfEngine engine;

    Visibility(SwfEngine engine) {
        this.engine = engine;
    }

    DescribeWorkflowExecutionResponse describe(DescribeWorkflowExecutionRequest r) {
        ExecutionRecord record = find(r.domain(), r.execution());
        return DescribeWorkflowExecutionResponse.builder()
                .executionInfo(record.info())
                .executionConfiguration(record.configuration())
                .openCounts(record.openCounts())
                .latestActivityTaskTimestamp(record.latestActivityTaskTimestamp())
                .latestExecutionContext(record.latestExecutionContext())
                .build();
    }

    GetWorkflowExecutionHistoryResponse history(GetWorkflowExecutionHistoryRequest r) {
        WorkflowExecution id = execution(r.domain(), r.execution());
        int size = Check.pageSize(r.maximumPageSize());
        Execution ex = engine.executions.inMemory(id.runId());
        List<HistoryEvent> events;
        if (ex != null && ex.id.workflowId().equals(id.workflowId()) && ex.domain.equals(r.domain())) {
            synchronized (ex) {
                events = List.copyOf(ex.history());
            }
        } else {
            find(r.domain(), id);
            events = engine.store.history(id.runId());
        }
        boolean reverse = Boolean.TRUE.equals(r.reverseOrder());
        int from = 0;
        long last = events.size();
        if (r.nextPageToken() != null) {
            HistoryPages.Position p = HistoryPages.decode(r.nextPageToken(), HistoryPages.Kind.HISTORY);
            if (!p.runId().equals(id.runId()) || p.reverse() != reverse || p.lastEventId() > events.size()) {
                throw HistoryPages.invalid();
            }
            from = p.next();
            last = p.lastEventId();
        }
        HistoryPages.Result page =
                HistoryPages.page(HistoryPages.Kind.HISTORY, events, id.runId(), last, from, size, reverse);
        return GetWorkflowExecutionHistoryResponse.builder()
                .events(page.events())
                .nextPageToken(page.nextPageToken())
                .build();
    }

    ListOpenWorkflowExecutionsResponse listOpen(ListOpenWorkflowExecutionsRequest r) {
        String domain = engine.registry.domainRecord(r.domain()).name();
        Predicate<Execution> filter =
                openFilter(domain, r.startTimeFilter(), r.executionFilter(), r.typeFilter(), r.tagFilter());
        // SWF lists the newest first unless reverseOrder
        boolean oldestFirst = Boolean.TRUE.equals(r.reverseOrder());
        Page.Order<WorkflowExecutionInfo> order = OPEN_ORDER.reversed(!oldestFirst);
        List<WorkflowExecutionInfo> sorted =
                matching(filter).stream().sorted(order.comparator()).toList();
        Page<WorkflowExecutionInfo> page = Page.of(
                sorted,
                r.nextPageToken(),
                Check.pageSize(r.maximumPageSize()),
                "open|" + domain + "|" + oldestFirst,
                order);
        return ListOpenWorkflowExecutionsResponse.builder()
                .executionInfos(page.items())
                .nextPageToken(page.nextPageToken())
                .build();
    }

    CountOpenWorkflowExecutionsResponse countOpen(CountOpenWorkflowExecutionsRequest r) {
        String domain = engine.registry.domainRecord(r.domain()).name();
        Predicate<Execution> filter =
                openFilter(domain, r.startTimeFilter(), r.executionFilter(), r.typeFilter(), r.tagFilter());
        long count = engine.executions.openRuns().stream().filter(filter).count();
        return CountOpenWorkflowExecutionsResponse.builder()
                .count((int) count)
                .truncated(false)
                .build();
    }

    ListClosedWorkflowExecutionsResponse listClosed(ListClosedWorkflowExecutionsRequest r) {
        engine.registry.domainRecord(r.domain());
        closedFilters(
                r.startTimeFilter(),
                r.closeTimeFilter(),
                r.executionFilter(),
                r.closeStatusFilter(),
                r.typeFilter(),
                r.tagFilter());
        Check.pageSize(r.maximumPageSize());
        return engine.store.listClosed(r);
    }

    CountClosedWorkflowExecutionsResponse countClosed(CountClosedWorkflowExecutionsRequest r) {
        engine.registry.domainRecord(r.domain());
        closedFilters(
                r.startTimeFilter(),
                r.closeTimeFilter(),
                r.executionFilter(),
                r.closeStatusFilter(),
                r.typeFilter(),
                r.tagFilter());
        return engine.store.countClosed(r);
    }

    private List<WorkflowExecutionInfo> matching(Predicate<Execution> filter) {
        List<WorkflowExecutionInfo> infos = new ArrayList<>();
        for (Execution ex : engine.executions.openRuns()) {
            if (filter.test(ex)) {
                infos.add(WorkflowExecutionInfo.builder()
                        .execution(ex.id)
                        .workflowType(ex.type)
                        .startTimestamp(ex.startedAt)
                        .executionStatus(ExecutionStatus.OPEN)
                        .parent(ex.start.parentWorkflowExecution())
                        .tagList(ex.start.hasTagList() ? ex.start.tagList() : null)
                        .cancelRequested(ex.cancelRequested)
                        .build());
            }
        }
        return infos;
    }

    private static Predicate<Execution> openFilter(
            String domain,
            ExecutionTimeFilter time,
            WorkflowExecutionFilter execution,
            WorkflowTypeFilter type,
            TagFilter tag) {
        Check.required(time, "startTimeFilter");
        Instant oldest = Check.required(time.oldestDate(), "startTimeFilter.oldestDate");
        Instant latest = time.latestDate();
        exclusive(execution, type, tag, null);
        Predicate<Execution> p = ex -> ex.domain.equals(domain)
                && !ex.startedAt.isBefore(oldest)
                && (latest == null || !ex.startedAt.isAfter(latest));
        if (execution != null) {
            String id = Check.required(execution.workflowId(), "executionFilter.workflowId");
            p = p.and(ex -> ex.id.workflowId().equals(id));
        }
        if (type != null) {
            String name = Check.required(type.name(), "typeFilter.name");
            p = p.and(ex -> ex.type.name().equals(name)
                    && (type.version() == null || ex.type.version().equals(type.version())));
        }
        if (tag != null) {
            String wanted = Check.required(tag.tag(), "tagFilter.tag");
            p = p.and(ex -> ex.start.hasTagList() && ex.start.tagList().contains(wanted));
        }
        return p;
    }

    private static void closedFilters(
            ExecutionTimeFilter start,
            ExecutionTimeFilter close,
            WorkflowExecutionFilter execution,
            CloseStatusFilter status,
            WorkflowTypeFilter type,
            TagFilter tag) {
        if ((start == null) == (close == null)) {
            throw SwfFaults.validation("Exactly one of startTimeFilter and closeTimeFilter must be specified");
        }
        Check.required(
                (start != null ? start : close).oldestDate(),
                (start != null ? "startTimeFilter" : "closeTimeFilter") + ".oldestDate");
        exclusive(execution, type, tag, status);
        if (status != null && status.status() == null) {
            throw Check.fail("closeStatusFilter.status", "Member must not be null");
        }
        if (status != null
                && status.status() == software.amazon.awssdk.services.swf.model.CloseStatus.UNKNOWN_TO_SDK_VERSION) {
            // Unchecked, the text went to the database: PostgreSQL refused one with a NUL character (fuzzing found it).
            throw Check.fail(
                    "closeStatusFilter.status",
                    "Member must satisfy enum value set: [COMPLETED, FAILED, CANCELED, TERMINATED, CONTINUED_AS_NEW,"
                            + " TIMED_OUT]");
        }
    }

    private static void exclusive(Object... filters) {
        long set = java.util.Arrays.stream(filters).filter(f -> f != null).count();
        if (set > 1) {
            throw SwfFaults.validation("executionFilter, typeFilter, tagFilter and closeStatusFilter are mutually"
                    + " exclusive: specify at most one");
        }
    }

    private WorkflowExecution execution(String domain, WorkflowExecution id) {
        engine.registry.domainRecord(domain);
        Check.required(id, "execution");
        Check.required(id.workflowId(), "execution.workflowId");
        Check.required(id.runId(), "execution.runId");
        return id;
    }

    private ExecutionRecord find(String domain, WorkflowExecution requested) {
        WorkflowExecution id = execution(domain, requested);
        Execution ex = engine.executions.inMemory(id.runId());
        if (ex != null && ex.domain.equals(domain) && ex.id.workflowId().equals(id.workflowId())) {
            synchronized (ex) {
                return engine.record(ex);
            }
        }
        return engine.store
                .execution(domain, id.workflowId(), id.runId())
                .orElseThrow(() -> SwfFaults.unknownResource("Unknown execution: WorkflowExecution=[workflowId="
                        + id.workflowId() + ", runId=" + id.runId() + "]"));
    }
}
