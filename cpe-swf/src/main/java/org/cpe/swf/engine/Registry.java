package org.cpe.swf.engine;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
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

    private final SwfStore store;
    private final Map<String, DomainRecord> domains = new ConcurrentHashMap<>();
    private final TypeRegistry<WorkflowTypeInfo, WorkflowTypeConfiguration> workflowTypes;
    private final TypeRegistry<ActivityTypeInfo, ActivityTypeConfiguration> activityTypes;

    Registry(SwfStore store) {
        this.store = store;
        this.workflowTypes = TypeRegistry.workflowTypes(store);
        this.activityTypes = TypeRegistry.activityTypes(store);
    }

    void restore(List<DomainRecord> storedDomains, List<TypeRecord> types) {
        storedDomains.forEach(d -> domains.put(d.name(), d));
        for (TypeRecord t : types) {
            (t.kind() == TypeRecord.Kind.WORKFLOW ? workflowTypes : activityTypes).restore(t);
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

    void registerWorkflowType(RegisterWorkflowTypeRequest r) {
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
        WorkflowTypeInfo info = WorkflowTypeInfo.builder()
                .workflowType(type)
                .status(RegistrationStatus.REGISTERED)
                .description(r.description())
                .creationDate(now())
                .build();
        workflowTypes.register(
                domain,
                info,
                WorkflowTypeConfiguration.builder()
                        .defaultTaskStartToCloseTimeout(r.defaultTaskStartToCloseTimeout())
                        .defaultExecutionStartToCloseTimeout(r.defaultExecutionStartToCloseTimeout())
                        .defaultTaskList(r.defaultTaskList())
                        .defaultTaskPriority(r.defaultTaskPriority())
                        .defaultChildPolicy(r.defaultChildPolicyAsString())
                        .defaultLambdaRole(r.defaultLambdaRole())
                        .build());
    }

    void deprecateWorkflowType(String domain, WorkflowType type, boolean deprecate) {
        workflowTypeRecord(domain, type);
        workflowTypes.deprecate(domain, type.name(), type.version(), deprecate);
    }

    TypeRegistry.Entry<WorkflowTypeInfo, WorkflowTypeConfiguration> workflowTypeRecord(
            String domain, WorkflowType type) {
        domainRecord(domain);
        Check.workflowType(type, "workflowType");
        return workflowTypes.require(domain, type.name(), type.version());
    }

    /** The registered workflow type, or null. */
    TypeRegistry.Entry<WorkflowTypeInfo, WorkflowTypeConfiguration> findWorkflowType(String domain, WorkflowType type) {
        return workflowTypes.find(domain, type.name(), type.version());
    }

    ListWorkflowTypesResponse listWorkflowTypes(ListWorkflowTypesRequest r) {
        String domain = domainRecord(r.domain()).name();
        Page<WorkflowTypeInfo> page = workflowTypes.list(
                domain,
                Check.registrationStatus(r.registrationStatusAsString()),
                r.name(),
                Boolean.TRUE.equals(r.reverseOrder()),
                r.nextPageToken(),
                Check.pageSize(r.maximumPageSize()));
        return ListWorkflowTypesResponse.builder()
                .typeInfos(page.items())
                .nextPageToken(page.nextPageToken())
                .build();
    }

    // --- activity types --------------------------------------------------------------------------------------

    void registerActivityType(RegisterActivityTypeRequest r) {
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
        ActivityTypeInfo info = ActivityTypeInfo.builder()
                .activityType(type)
                .status(RegistrationStatus.REGISTERED)
                .description(r.description())
                .creationDate(now())
                .build();
        activityTypes.register(
                domain,
                info,
                ActivityTypeConfiguration.builder()
                        .defaultTaskStartToCloseTimeout(r.defaultTaskStartToCloseTimeout())
                        .defaultTaskHeartbeatTimeout(r.defaultTaskHeartbeatTimeout())
                        .defaultTaskList(r.defaultTaskList())
                        .defaultTaskPriority(r.defaultTaskPriority())
                        .defaultTaskScheduleToStartTimeout(r.defaultTaskScheduleToStartTimeout())
                        .defaultTaskScheduleToCloseTimeout(r.defaultTaskScheduleToCloseTimeout())
                        .build());
    }

    void deprecateActivityType(String domain, ActivityType type, boolean deprecate) {
        activityTypeRecord(domain, type);
        activityTypes.deprecate(domain, type.name(), type.version(), deprecate);
    }

    TypeRegistry.Entry<ActivityTypeInfo, ActivityTypeConfiguration> activityTypeRecord(
            String domain, ActivityType type) {
        domainRecord(domain);
        Check.activityType(type, "activityType");
        return activityTypes.require(domain, type.name(), type.version());
    }

    /** The registered activity type, or null. */
    TypeRegistry.Entry<ActivityTypeInfo, ActivityTypeConfiguration> findActivityType(String domain, ActivityType type) {
        return activityTypes.find(domain, type.name(), type.version());
    }

    ListActivityTypesResponse listActivityTypes(ListActivityTypesRequest r) {
        String domain = domainRecord(r.domain()).name();
        Page<ActivityTypeInfo> page = activityTypes.list(
                domain,
                Check.registrationStatus(r.registrationStatusAsString()),
                r.name(),
                Boolean.TRUE.equals(r.reverseOrder()),
                r.nextPageToken(),
                Check.pageSize(r.maximumPageSize()));
        return ListActivityTypesResponse.builder()
                .typeInfos(page.items())
                .nextPageToken(page.nextPageToken())
                .build();
    }

    static Instant now() {
        return Instant.ofEpochMilli(System.currentTimeMillis());
    }
}
