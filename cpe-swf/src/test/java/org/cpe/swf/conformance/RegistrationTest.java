package org.cpe.swf.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.swf.SwfClient;
import software.amazon.awssdk.services.swf.model.*;

/** Domains and types: register, describe, list, deprecate and undeprecate, through the SDK over HTTP. */
class RegistrationTest {

    private static SwfService service;

    @BeforeAll
    static void startService() {
        service = SwfService.start();
    }

    @AfterAll
    static void stopService() {
        service.close();
    }

    @Test
    void aDomainIsDescribedDeprecatedAndUndeprecatedAsRegistered() {
        SwfClient swf = service.client();
        Workflows wf = new Workflows(swf);

        DescribeDomainResponse described = swf.describeDomain(r -> r.name(wf.domain));
        assertThat(described.domainInfo().status()).isEqualTo(RegistrationStatus.REGISTERED);
        assertThat(described.configuration().workflowExecutionRetentionPeriodInDays())
                .isEqualTo("1");

        swf.deprecateDomain(r -> r.name(wf.domain));
        assertThat(swf.describeDomain(r -> r.name(wf.domain)).domainInfo().status())
                .isEqualTo(RegistrationStatus.DEPRECATED);
        assertThat(swf.listDomains(r -> r.registrationStatus(RegistrationStatus.DEPRECATED))
                        .domainInfos())
                .extracting(DomainInfo::name)
                .contains(wf.domain);
        assertThatThrownBy(() -> wf.start("in-a-deprecated-domain")).isInstanceOf(DomainDeprecatedException.class);
        assertThatThrownBy(() -> swf.deprecateDomain(r -> r.name(wf.domain)))
                .isInstanceOf(DomainDeprecatedException.class);

        swf.undeprecateDomain(r -> r.name(wf.domain));
        assertThat(swf.listDomains(r -> r.registrationStatus(RegistrationStatus.REGISTERED))
                        .domainInfos())
                .extracting(DomainInfo::name)
                .contains(wf.domain);
        assertThat(wf.start("after-undeprecate")).isNotBlank();
        assertThatThrownBy(() -> swf.undeprecateDomain(r -> r.name(wf.domain)))
                .isInstanceOf(DomainAlreadyExistsException.class);
    }

    @Test
    void typesAreDescribedWithTheirDefaultsAndListedByStatusAndName() {
        SwfClient swf = service.client();
        Workflows wf = new Workflows(swf);
        swf.registerWorkflowType(r -> r.domain(wf.domain).name("wf").version("2"));
        swf.registerActivityType(r -> r.domain(wf.domain).name("other").version("1"));

        DescribeWorkflowTypeResponse workflow =
                swf.describeWorkflowType(r -> r.domain(wf.domain).workflowType(wf.workflowType));
        assertThat(workflow.configuration().defaultTaskList().name()).isEqualTo(wf.decisionList);
        assertThat(workflow.configuration().defaultChildPolicy()).isEqualTo(ChildPolicy.TERMINATE);
        assertThat(workflow.typeInfo().creationDate()).isNotNull();
        DescribeActivityTypeResponse activity =
                swf.describeActivityType(r -> r.domain(wf.domain).activityType(wf.activityType));
        assertThat(activity.configuration().defaultTaskHeartbeatTimeout()).isEqualTo("NONE");
        assertThat(activity.configuration().defaultTaskList().name()).isEqualTo(wf.activityList);

        assertThat(swf.listWorkflowTypes(r -> r.domain(wf.domain)
                                .registrationStatus(RegistrationStatus.REGISTERED)
                                .name("wf"))
                        .typeInfos())
                .extracting(i -> i.workflowType().version())
                .containsExactly("1", "2");
        assertThat(swf.listActivityTypes(r -> r.domain(wf.domain).registrationStatus(RegistrationStatus.REGISTERED))
                        .typeInfos())
                .extracting(i -> i.activityType().name())
                .containsExactly("act", "other");

        swf.deprecateActivityType(
                r -> r.domain(wf.domain).activityType(t -> t.name("other").version("1")));
        assertThat(swf.listActivityTypes(r -> r.domain(wf.domain).registrationStatus(RegistrationStatus.DEPRECATED))
                        .typeInfos())
                .singleElement()
                .satisfies(i -> {
                    assertThat(i.activityType().name()).isEqualTo("other");
                    assertThat(i.deprecationDate()).isNotNull();
                });
        swf.undeprecateActivityType(
                r -> r.domain(wf.domain).activityType(t -> t.name("other").version("1")));
        assertThat(swf.listActivityTypes(r -> r.domain(wf.domain).registrationStatus(RegistrationStatus.DEPRECATED))
                        .typeInfos())
                .isEmpty();
        assertThatThrownBy(() ->
                        swf.undeprecateWorkflowType(r -> r.domain(wf.domain).workflowType(wf.workflowType)))
                .isInstanceOf(TypeAlreadyExistsException.class);
    }
}
