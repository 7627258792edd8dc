package org.cpe.micro;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Failed logins slow down on the whole stack, with the real delays: after five wrong passwords in a row the next
 * attempts of that user, and from that address, are refused 429 with {@code Retry-After} until the wait is over, even
 * with the right password. A deployment of its own, since the test leaves this machine's address throttled a while.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class LoginThrottlingIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @ArquillianResource
    URL base;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.allInOne("login-throttling", Map.of());
    }

    @Test
    void wrongPasswordsInARowAreRefusedAfterTheFirstFewAndARightOneOnlyOnceTheWaitIsOver() throws Exception {
        URI me = base.toURI().resolve("api/me");
        // Probes of open paths that send wrong credentials are not logins: they are not checked and do not count.
        for (int i = 0; i < 10; i++) {
            Http.Response probe = Http.callAs("GET", base.toURI().resolve("/health/live"), Http.OPERATOR, "probe-" + i);
            assertThat(probe.status()).as(probe.body()).isEqualTo(200);
        }
        List<Http.Response> wrong = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            wrong.add(Http.callAs("GET", me, Http.OPERATOR, "guess-" + i));
        }

        assertThat(wrong.subList(0, 5)).extracting(Http.Response::status).containsOnly(401);
        assertThat(wrong.get(5).status())
                .as("the sixth, within a second of the fifth")
                .isEqualTo(429);
        List<Http.Response> refused =
                wrong.stream().filter(r -> r.status() == 429).toList();
        // Only an attempt after a wait is checked, and the waits double from 1 s: a few in as many seconds.
        assertThat(refused).hasSizeGreaterThanOrEqualTo(85);
        assertThat(wrong).extracting(Http.Response::status).containsOnly(401, 429);
        for (Http.Response response : refused) {
            assertThat(json(response).path("error").asText()).isEqualTo("TOO_MANY_ATTEMPTS");
            assertThat(json(response).path("message").asText()).contains("try again in");
            assertThat(response.headers().firstValue("Retry-After"))
                    .hasValueSatisfying(v -> assertThat(Integer.parseInt(v)).isBetween(1, 60));
        }

        // A moment when the wait has at least a second to go, so that the next requests fall in it.
        await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(200))
                .until(
                        () -> Http.callAs("GET", me, Http.OPERATOR, "one-more-guess"),
                        r -> r.status() == 429
                                && Integer.parseInt(r.headers()
                                                .firstValue("Retry-After")
                                                .orElse("0"))
                                        >= 2);
        Http.Response rightDuringTheWait = Http.callAs("GET", me, Http.OPERATOR, Http.OPERATOR_PASSWORD);
        Http.Response otherUserFromThisAddress = Http.callAs("GET", me, Http.READER, Http.READER_PASSWORD);

        assertThat(rightDuringTheWait.status()).as(rightDuringTheWait.body()).isEqualTo(429);
        assertThat(otherUserFromThisAddress.status())
                .as("the address is slowed too: %s", otherUserFromThisAddress.body())
                .isEqualTo(429);
        Http.Response admitted = await().atMost(Duration.ofSeconds(70))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> Http.callAs("GET", me, Http.OPERATOR, Http.OPERATOR_PASSWORD), r -> r.status() != 429);
        assertThat(admitted.status()).as(admitted.body()).isEqualTo(200);
        assertThat(json(admitted).path("user").asText()).isEqualTo(Http.OPERATOR);
        Http.Response wrongAfterLogin = Http.callAs("GET", me, Http.OPERATOR, "typo");
        assertThat(wrongAfterLogin.status())
                .as("the login cleared the record: a wrong password is checked again")
                .isEqualTo(401);
        assertThat(Http.callAs("GET", me, Http.READER, Http.READER_PASSWORD).status())
                .isEqualTo(200);
    }

    private static JsonNode json(Http.Response response) throws Exception {
        return JSON.readTree(response.body());
    }
}
