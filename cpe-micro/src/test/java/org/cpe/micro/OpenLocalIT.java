package org.cpe.micro;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
 * The API's local access mode ({@code cpe.security.api-access=open-local}) on the whole stack: a request from this
 * machine acts as the operator only when it names this machine in its Host and was not forwarded, so that neither a
 * web page through DNS rebinding nor a remote user through a reverse proxy on this machine becomes the operator.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class OpenLocalIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String REBOUND = "evil.example:8080";

    @ArquillianResource
    URL base;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.allInOne(
                "open-local",
                Map.of(
                        "cpe.security.api-access", "open-local",
                        "cpe.security.users", "",
                        "cpe.embedded-swf.poll-timeout-seconds", "2"));
    }

    @Test
    void aPageWhoseNameWasReboundToThisMachineCannotPauseARoleOrStartAJob() throws Exception {
        String jobId = "rebound-" + System.nanoTime();

        Http.Response pause = Http.raw(
                base(),
                "POST",
                path() + "api/roles/input-poller/pause",
                "",
                "Host",
                REBOUND,
                "Origin",
                "http://" + REBOUND);
        Http.Response start = Http.raw(
                base(),
                "POST",
                path() + "api/jobs/demo?jobId=" + jobId,
                "{\"workflow\": {\"name\": \"cpe-demo\", \"version\": \"1\"}, \"seconds\": 0}",
                "Host",
                REBOUND,
                "Origin",
                "http://" + REBOUND,
                "Content-Type",
                "application/json");

        assertThat(pause.status()).as(pause.body()).isEqualTo(401);
        assertThat(JSON.readTree(pause.body()).path("error").asText()).isEqualTo("UNAUTHENTICATED");
        assertThat(JSON.readTree(pause.body()).path("message").asText())
                .endsWith("cpe.security.api-access=open-local admits only requests from this machine to localhost,"
                        + " 127.0.0.1, ::1 without forwarding headers; this one named Host " + REBOUND);
        assertThat(start.status()).as(start.body()).isEqualTo(401);
        // Asked plainly from this machine: the role polls and the job was never started.
        assertThat(roleState("input-poller")).isEqualTo("RUNNING");
        Http.Response job = local("GET", path() + "api/jobs/demo/" + jobId);
        assertThat(job.status()).as(job.body()).isEqualTo(404);
    }

    @Test
    void aRequestForwardedFromAnotherMachineByALocalProxyIsNotTheOperator() throws Exception {
        Http.Response me =
                Http.raw(base(), "GET", path() + "api/me", "", "Host", host(), "X-Forwarded-For", "10.9.9.9");
        Http.Response pause = Http.raw(
                base(),
                "POST",
                path() + "api/roles/input-poller/pause",
                "",
                "Host",
                host(),
                "X-Forwarded-For",
                "10.9.9.9");

        assertThat(me.status()).as(me.body()).isEqualTo(401);
        assertThat(me.body()).contains("this one carries X-Forwarded-For");
        assertThat(pause.status()).as(pause.body()).isEqualTo(401);
        assertThat(roleState("input-poller")).isEqualTo("RUNNING");
    }

    @Test
    void aPlainRequestFromThisMachineIsStillTheLocalOperator() throws Exception {
        Http.Response me = local("GET", path() + "api/me");
        Http.Response byAddress = Http.raw(base(), "GET", path() + "api/me", "", "Host", "127.0.0.1:" + base.getPort());

        assertThat(me.status()).as(me.body()).isEqualTo(200);
        assertThat(me.body()).contains("\"user\":\"local\"", "\"operator\":true");
        assertThat(byAddress.status()).as(byAddress.body()).isEqualTo(200);
        Http.Response pause = local("POST", path() + "api/roles/decider/pause");
        try {
            assertThat(pause.status()).as(pause.body()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> roleState("decider").equals("PAUSED"));
        } finally {
            assertThat(local("POST", path() + "api/roles/decider/resume").status())
                    .isEqualTo(200);
        }
    }

    private Http.Response local(String method, String resource) throws Exception {
        return Http.raw(base(), method, resource, "", "Host", host());
    }

    private String roleState(String role) throws Exception {
        Http.Response roles = local("GET", path() + "api/roles");
        assertThat(roles.status()).as(roles.body()).isEqualTo(200);
        for (JsonNode node : JSON.readTree(roles.body())) {
            if (node.path("name").asText().equals(role)) {
                return node.path("state").asText();
            }
        }
        throw new AssertionError("no role " + role + " in " + roles.body());
    }

    /** The Host a browser on this machine sends: the name the server was reached by, and its port. */
    private String host() {
        return base.getHost() + ":" + base.getPort();
    }

    /** The deployment's context root, such as {@code /open-local/}. */
    private String path() {
        return base.getPath();
    }

    private URI base() throws Exception {
        return base.toURI();
    }
}
