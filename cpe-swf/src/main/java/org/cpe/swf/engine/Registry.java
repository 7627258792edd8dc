package org.cpe.swf.engine;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.cpe.swf.json.SdkJson;
import org.cpe.swf.store.Change;
import org.cpe.swf.store.DomainRecord;
import org.cpe.swf.store.SwfStore;
import org.cpe.swf.store.TypeRecord;
import software.amazon.awssdk.services.swf.model.*;

/** Domains and workflow and activity types: registration, deprecation, description and listing. */
final class Registry {

    private static final int MAX_DOMAINS = 100;

    /** Domains by name, the name being a position in the list. */
    private static final Page.Order<DomainInfo> DOMAIN_ORDER =
            new Page.Order<>(Comparator.comparing(DomainInfo::name), DomainInfo::name, name -> DomainInfo.builder()
                    .name(name)
                    .build());

    /** Types by name then version; a position is "name NUL version" (a name holds no control character). */
    private static final Page.Order<WorkflowTypeInfo> WT_ORDER = new Page.Order<>(
            Comparator.comparing((WorkflowTypeInfo i) -> i.workflowType().name())
                    .thenComparing(i -> i.workflowType().version()),
            i -> i.workflowType().name() + '\u0000' + i.workflowType().version(),
            key -> WorkflowTypeInfo.builder()
                    .workflowType(t -> t.name(key.substring(0, key.indexOf('\u0000')))
                            .version(key.substring(key.indexOf('\u0000') + 1)))
                    .build());

    private static final Page.Order<ActivityTypeInfo> AT_ORDER = new Page.Order<>(
            Comparator.comparing((ActivityTypeInfo i) -> i.activityType().name())
                    .thenComparing(i -> i.activityType().version()),
            i -> i.activityType().name() + '\u0000' + i.activityType().version(),
            key -> ActivityTypeInfo.builder()
                    .activityType(t -> t.name(key.substring(0, key.indexOf('\u0000')))
                            .version(key.substring(key.indexOf('\u0000') + 1)))
                    .build());

    private final SwfStore store;
    private final Map<String, DomainRecord> domains = new ConcurrentHashMap<>();
    private final Map<String, WorkflowTypeRecord> workflowTypes = new ConcurrentHashMap<>();
    private final Map<String, ActivityTypeRecord> activityTypes = new ConcurrentHashMap<>();

    /** A registered workflow type. */
    record WorkflowTypeRecord(String domain, WorkflowTypeInfo info, WorkflowTypeConfiguration configuration) {}

    /** A registered activity type. */
    record ActivityTypeRecord(String domain, ActivityTypeInfo info, ActivityTypeConfiguration configuration) {}

    Registry(SwfStore store) {
        this.store = store;
    }

    void restore(List<DomainRecord> storedDomains, List<TypeRecord> types) {
        storedDomains.forEach(d -> domains.put(d.name(), d));
        for (TypeRecord t : types) {
            if (t.kind() == TypeRecord.Kind.WORKFLOW) {
                WorkflowTypeInfo info = SdkJson.read(t.infoJson(), WorkflowTypeInfo.class);
                workflowTypes.put(
                        key(
                                t.domain(),
                                info.workflowType().name(),
                                info.workflowType().version()),
                        new WorkflowTypeRecord(
                                t.domain(),
                                info,
                                SdkJson.read(t.configurationJson(), WorkflowTypeConfiguration.class)));
            } else {
                ActivityTypeInfo info = SdkJson.read(t.infoJson(), ActivityTypeInfo.class);
                activityTypes.put(
                        key(
                                t.domain(),
                                info.activityType().name(),
                                info.activityType().version()),
                        new ActivityTypeRecord(
                                t.domain(),
                                info,
                                SdkJson.read(t.configurationJson(), ActivityTypeConfiguration.class)));
            }
        }
    }

    // --- domains ---------------------------------------------------------------------------------------------

    synchronized void registerDomain(RegisterDomainRequest r) {
        String name = Check.name(r.name(), "name");
        Check.length(r.description(), "description", 1024);
        String retention =
                Check.required(r.workflowExecutionRetentionPeriodInDays(), "workflowExecutionRetentionPeriodInDays");
        if (!retention.equals("NONE") && !(retention.matches("\\d{1,2}") && Integer.parseInt(retention) <= 90)) {
            throw Check.fail(
                    "workflowExecutionRetentionPeriodInDays", "Member must be NONE or a number of days up to 90");
        }
        if (domains.containsKey(name)) {
            throw SwfFaults.domainAlreadyExists("Domain already exists: " + name);
        }
        if (domains.size() >= MAX_DOMAINS) {
            throw SwfFaults.limitExceeded("At most " + MAX_DOMAINS + " domains can be registered");
        }
        DomainInfo info = DomainInfo.builder()
                .name(name)
                .description(r.description())
                .status(RegistrationStatus.REGISTERED)
                .arn("arn:aws:swf:local:000000000000:/domain/" + name)
                .build();
        putDomain(new DomainRecord(
                info,
                DomainConfiguration.builder()
                        .workflowExecutionRetentionPeriodInDays(retention)
                        .build()));
    }

    synchronized void deprecateDomain(String name, boolean deprecate) {
        DomainRecord d = domainRecord(name);
        boolean deprecated = d.info().status() == RegistrationStatus.DEPRECATED;
        if (deprecate && deprecated) {
            throw SwfFaults.domainDeprecated("Domain is already deprecated: " + name);
        }
        if (!deprecate && !deprecated) {
            throw SwfFaults.domainAlreadyExists("Domain is not deprecated: " + name);
        }
        RegistrationStatus status = deprecate ? RegistrationStatus.DEPRECATED : RegistrationStatus.REGISTERED;
        putDomain(new DomainRecord(d.info().toBuilder().status(status).build(), d.configuration()));
    }

    DomainRecord domainRecord(String name) {
        Check.required(name, "domain");
        DomainRecord d = domains.get(name);
        if (d == null) {
            throw SwfFaults.unknownResource("Unknown domain: " + name);
        }
        return d;
    }

    /** A domain that may take new executions. */
    DomainRecord activeDomain(String name) {
        DomainRecord d = domainRecord(name);
        if (d.info().status() == RegistrationStatus.DEPRECATED) {
            throw SwfFaults.domainDeprecated("Domain is deprecated: " + name);
        }
        return d;
    }

    ListDomainsResponse listDomains(ListDomainsRequest r) {
        RegistrationStatus status = Check.registrationStatus(r.registrationStatusAsString());
        boolean reverse = Boolean.TRUE.equals(r.reverseOrder());
        Page.Order<DomainInfo> order = DOMAIN_ORDER.reversed(reverse);
        List<DomainInfo> sorted = domains.values().stream()
                .map(DomainRecord::info)
                .filter(i -> i.status() == status)
                .sorted(order.comparator())
                .toList();
        Page<DomainInfo> page = Page.of(
                sorted,
                r.nextPageToken(),
                Check.pageSize(r.maximumPageSize()),
                "domains|" + status + "|" + reverse,
                order);
        return ListDomainsResponse.builder()
                .domainInfos(page.items())
                .nextPageToken(page.nextPageToken())
                .build();
    }

    private void putDomain(DomainRecord record) {
        store.submit(List.of(new Change.DomainPut(record))).join();
        domains.put(record.name(), record);
    }

    // --- workflow types --------------------------------------------------------------------------------------

    synchronized void registerWorkflowType(RegisterWorkflowTypeRequest r) {
        String domain = domainRecord(r.domain()).name();
        WorkflowType type = WorkflowType.builder()
                .name(Check.name(r.name(), "name"))
                .version(Check.length(Check.required(r.version(), "version"), "version", 64))
                .build();
        Check.length(r.description(), "description", 1024);
        Check.duration(r.defaultTaskStartToCloseTimeout(), "defaultTaskStartToCloseTimeout");
        Check.executionTimeout(r.defaultExecutionStartToCloseTimeout(), "defaultExecutionStartToCloseTimeout");
        Check.optionalTaskList(r.defaultTaskList(), "defaultTaskList");
        Check.priority(r.defaultTaskPriority(), "defaultTaskPriority");
        String key = key(domain, type.name(), type.version());
        if (workflowTypes.containsKey(key)) {
            throw SwfFaults.typeAlreadyExists(
                    "WorkflowType already exists: [" + type.name() + ", " + type.version() + "]");
        }
        WorkflowTypeInfo info = WorkflowTypeInfo.builder()
                .workflowType(type)
                .status(RegistrationStatus.REGISTERED)
                .description(r.description())
                .creationDate(now())
                .build();
        WorkflowTypeConfiguration configuration = WorkflowTypeConfiguration.builder()
                .defaultTaskStartToCloseTimeout(r.defaultTaskStartToCloseTimeout())
                .defaultExecutionStartToCloseTimeout(r.defaultExecutionStartToCloseTimeout())
                .defaultTaskList(r.defaultTaskList())
                .defaultTaskPriority(r.defaultTaskPriority())
                .defaultChildPolicy(r.defaultChildPolicyAsString())
                .defaultLambdaRole(r.defaultLambdaRole())
                .build();
        putWorkflowType(new WorkflowTypeRecord(domain, info, configuration));
    }

    synchronized void deprecateWorkflowType(String domain, WorkflowType type, boolean deprecate) {
        WorkflowTypeRecord t = workflowTypeRecord(domain, type);
        boolean deprecated = t.info().status() == RegistrationStatus.DEPRECATED;
        if (deprecate && deprecated) {
            throw SwfFaults.typeDeprecated("WorkflowType is already deprecated: " + describe(type));
        }
        if (!deprecate && !deprecated) {
            throw SwfFaults.typeAlreadyExists("WorkflowType is not deprecated: " + describe(type));
        }
        WorkflowTypeInfo info = t.info().toBuilder()
                .status(deprecate ? RegistrationStatus.DEPRECATED : RegistrationStatus.REGISTERED)
                .deprecationDate(deprecate ? now() : null)
                .build();
        putWorkflowType(new WorkflowTypeRecord(t.domain(), info, t.configuration()));
    }

    WorkflowTypeRecord workflowTypeRecord(String domain, WorkflowType type) {
        domainRecord(domain);
        Check.workflowType(type, "workflowType");
        WorkflowTypeRecord t = workflowTypes.get(key(domain, type.name(), type.version()));
        if (t == null) {
            throw SwfFaults.unknownResource(
                    "Unknown type: WorkflowType=[name=" + type.name() + ", version=" + type.version() + "]");
        }
        return t;
    }

    /** The registered workflow type, or null. */
    WorkflowTypeRecord findWorkflowType(String domain, WorkflowType type) {
        return workflowTypes.get(key(domain, type.name(), type.version()));
    }

    ListWorkflowTypesResponse listWorkflowTypes(ListWorkflowTypesRequest r) {
        String domain = domainRecord(r.domain()).name();
        RegistrationStatus status = Check.registrationStatus(r.registrationStatusAsString());
        boolean reverse = Boolean.TRUE.equals(r.reverseOrder());
        Page.Order<WorkflowTypeInfo> order = WT_ORDER.reversed(reverse);
        List<WorkflowTypeInfo> sorted = workflowTypes.values().stream()
                .filter(t -> t.domain().equals(domain))
                .map(WorkflowTypeRecord::info)
                .filter(i -> i.status() == status
                        && (r.name() == null || r.name().equals(i.workflowType().name())))
                .sorted(order.comparator())
                .toList();
        Page<WorkflowTypeInfo> page = Page.of(
                sorted,
                r.nextPageToken(),
                Check.pageSize(r.maximumPageSize()),
                "wt|" + domain + "|" + status + "|" + r.name() + "|" + reverse,
                order);
        return ListWorkflowTypesResponse.builder()
                .typeInfos(page.items())
                .nextPageToken(page.nextPageToken())
                .build();
    }

    private void putWorkflowType(WorkflowTypeRecord t) {
        WorkflowType type = t.info().workflowType();
        store.submit(List.of(new Change.TypePut(new TypeRecord(
                        TypeRecord.Kind.WORKFLOW,
                        t.domain(),
                        type.name(),
                        type.version(),
                        t.info().statusAsString(),
                        t.info().creationDate(),
                        t.info().deprecationDate(),
                        SdkJson.write(t.info()),
                        SdkJson.write(t.configuration())))))
                .join();
        workflowTypes.put(key(t.domain(), type.name(), type.version()), t);
    }

    // --- activity types --------------------------------------------------------------------------------------

    synchronized void registerActivityType(RegisterActivityTypeRequest r) {
        String domain = domainRecord(r.domain()).name();
        ActivityType type = ActivityType.builder()
                .name(Check.name(r.name(), "name"))
                .version(Check.length(Check.required(r.version(), "version"), "version", 64))
                .build();
        Check.length(r.description(), "description", 1024);
        Check.duration(r.defaultTaskStartToCloseTimeout(), "defaultTaskStartToCloseTimeout");
        Check.duration(r.defaultTaskHeartbeatTimeout(), "defaultTaskHeartbeatTimeout");
        Check.duration(r.defaultTaskScheduleToStartTimeout(), "defaultTaskScheduleToStartTimeout");
        Check.duration(r.defaultTaskScheduleToCloseTimeout(), "defaultTaskScheduleToCloseTimeout");
        Check.optionalTaskList(r.defaultTaskList(), "defaultTaskList");
        Check.priority(r.defaultTaskPriority(), "defaultTaskPriority");
        String key = key(domain, type.name(), type.version());
        if (activityTypes.containsKey(key)) {
            throw SwfFaults.typeAlreadyExists(
                    "ActivityType already exists: [" + type.name() + ", " + type.version() + "]");
        }
        ActivityTypeInfo info = ActivityTypeInfo.builder()
                .activityType(type)
                .status(RegistrationStatus.REGISTERED)
                .description(r.description())
                .creationDate(now())
                .build();
        ActivityTypeConfiguration configuration = ActivityTypeConfiguration.builder()
                .defaultTaskStartToCloseTimeout(r.defaultTaskStartToCloseTimeout())
                .defaultTaskHeartbeatTimeout(r.defaultTaskHeartbeatTimeout())
                .defaultTaskList(r.defaultTaskList())
                .defaultTaskPriority(r.defaultTaskPriority())
                .defaultTaskScheduleToStartTimeout(r.defaultTaskScheduleToStartTimeout())
                .defaultTaskScheduleToCloseTimeout(r.defaultTaskScheduleToCloseTimeout())
                .build();
        putActivityType(new ActivityTypeRecord(domain, info, configuration));
    }

    synchronized void deprecateActivityType(String domain, ActivityType type, boolean deprecate) {
        ActivityTypeRecord t = activityTypeRecord(domain, type);
        boolean deprecated = t.info().status() == RegistrationStatus.DEPRECATED;
        if (deprecate && deprecated) {
            throw SwfFaults.typeDeprecated("ActivityType is already deprecated: " + describe(type));
        }
        if (!deprecate && !deprecated) {
            throw SwfFaults.typeAlreadyExists("ActivityType is not deprecated: " + describe(type));
        }
        ActivityTypeInfo info = t.info().toBuilder()
                .status(deprecate ? RegistrationStatus.DEPRECATED : RegistrationStatus.REGISTERED)
                .deprecationDate(deprecate ? now() : null)
                .build();
        putActivityType(new ActivityTypeRecord(t.domain(), info, t.configuration()));
    }

    ActivityTypeRecord activityTypeRecord(String domain, ActivityType type) {
        domainRecord(domain);
        Check.activityType(type, "activityType");
        ActivityTypeRecord t = activityTypes.get(key(domain, type.name(), type.version()));
        if (t == null) {
            throw SwfFaults.unknownResource(
                    "Unknown type: ActivityType=[name=" + type.name() + ", version=" + type.version() + "]");
        }
        return t;
    }

    /** The registered activity type, or null. */
    ActivityTypeRecord findActivityType(String domain, ActivityType type) {
        return activityTypes.get(key(domain, type.name(), type.version()));
    }

    ListActivityTypesResponse listActivityTypes(ListActivityTypesRequest r) {
        String domain = domainRecord(r.domain()).name();
        RegistrationStatus status = Check.registrationStatus(r.registrationStatusAsString());
        boolean reverse = Boolean.TRUE.equals(r.reverseOrder());
        Page.Order<ActivityTypeInfo> order = AT_ORDER.reversed(reverse);
        List<ActivityTypeInfo> sorted = activityTypes.values().stream()
                .filter(t -> t.domain().equals(domain))
                .map(ActivityTypeRecord::info)
                .filter(i -> i.status() == status
                        && (r.name() == null || r.name().equals(i.activityType().name())))
                .sorted(order.comparator())
                .toList();
        Page<ActivityTypeInfo> page = Page.of(
                sorted,
                r.nextPageToken(),
                Check.pageSize(r.maximumPageSize()),
                "at|" + domain + "|" + status + "|" + r.name() + "|" + reverse,
                order);
        return ListActivityTypesResponse.builder()
                .typeInfos(page.items())
                .nextPageToken(page.nextPageToken())
                .build();
    }

    private void putActivityType(ActivityTypeRecord t) {
        ActivityType type = t.info().activityType();
        store.submit(List.of(new Change.TypePut(new TypeRecord(
                        TypeRecord.Kind.ACTIVITY,
                        t.domain(),
                        type.name(),
                        type.version(),
                        t.info().statusAsString(),
                        t.info().creationDate(),
                        t.info().deprecationDate(),
                        SdkJson.write(t.info()),
                        SdkJson.write(t.configuration())))))
                .join();
        activityTypes.put(key(t.domain(), type.name(), type.version()), t);
    }

    private static String key(String domain, String name, String version) {
        return domain + '\u0000' + name + '\u0000' + version;
    }

    private static String describe(WorkflowType t) {
        return "[" + t.name() + ", " + t.version() + "]";
    }

    private static String describe(ActivityType t) {
        return "[" + t.name() + ", " + t.version() + "]";
    }

    static Instant now() {
        return Instant.ofEpochMilli(System.currentTimeMillis());
    }
}
