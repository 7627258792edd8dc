package org.cpe.micro;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.URL;
import java.time.Duration;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A server configured with {@code cpe.roles=decider} starts that role only, pointed at services elsewhere that do not
 * answer, and says so in its health; its API admits requests from this machine without credentials ({@code
 * cpe.security.api-access=open-local}).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class DeciderOnlyIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.allInOne(
                "decider-only",
                Map.of(
                        "cpe.roles", "decider",
                        "cpe.sqs.endpoint", "http://127.0.0.1:9/",
                        "cpe.swf.endpoint", "http://127.0.0.1:9/swf",
                        "cpe.security.users", "",
                        "cpe.security.api-access", "open-local"));
    }

    @Test
    void startsTheDeciderAndNoOtherRole(@ArquillianResource URL base) throws Exception {
        URI ready = base.toURI().resolve("/health/ready");

        // Nothing listens where its SWF should be: the Decider runs, backs off naming why, and is not ready.
        Http.Response response = await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> Http.get(ready), r -> r.body().contains("\"decider\":\"BACKING_OFF ("));

        assertThat(response.status()).isEqualTo(503);
        assertThat(response.body())
                .contains("Connection refused")
                .contains(Http.roleState("input-poller", "DISABLED"))
                .contains(Http.roleState("activity-poller", "DISABLED"))
                .contains(Http.roleState("embedded-sqs", "DISABLED"))
                .contains(Http.roleState("embedded-swf", "DISABLED"))
                .contains(Http.roleState("embedded-s3", "DISABLED"));
        assertThat(Http.get(base.toURI().resolve("api/roles")).body()).doesNotContain("\"endpoint\"");
    }

    @Test
    void openLocalAdmitsThisMachineWithoutCredentialsButNotWrongOnes(@ArquillianResource URL base) throws Exception {
        Http.Response local = Http.callAs("GET", base.toURI().resolve("api/me"), null, null);
        Http.Response wrong = Http.callAs("GET", base.toURI().resolve("api/me"), "admin", "guess");

        assertThat(local.status()).as(local.body()).isEqualTo(200);
        assertThat(local.body()).contains("\"user\":\"local\"", "\"operator\":true");
        assertThat(wrong.status()).as("credentials given are checked even here").isEqualTo(401);
    }
}
