package org.cpe.micro;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded SWF service's PostgreSQL database out of reach for 30 s while jobs run, as a network fault or a
 * database restart makes it: the server stays up, readiness goes DOWN with the embedded-swf role BACKING_OFF and the
 * cause, comes back UP on its own once the database is back, and every job completes exactly once. The fault is a TCP
 * relay between the server and PostgreSQL that the test cuts: every connection is closed and new ones are refused.
 *
 * <p>Needs {@code CPE_TEST_POSTGRES_URL} (as {@code .ci/run} sets it); without it the test is skipped, except under
 * CI ({@code CI=true}), where it fails.
 */
class DatabaseOutageIT {

    private static final String POSTGRES_URL = "CPE_TEST_POSTGRES_URL";
    private static final int JOBS = 60;
    private static final Duration OUTAGE = Duration.ofSeconds(30);

    /** Kept when the test fails: the server's log is the evidence. */
    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path dir;

    @Test
    void readinessGoesDownWhileTheDatabaseIsAwayAndComesBackWithEveryJobCompletedOnce() throws Exception {
        String base = System.getProperty(POSTGRES_URL, System.getenv(POSTGRES_URL));
        if (base == null || base.isBlank()) {
            if ("true".equals(System.getenv("CI"))) {
                fail("CI runs the database outage test: set " + POSTGRES_URL + " (.ci/run does)");
            }
            assumeTrue(
                    false,
                    "Database outage test skipped: set " + POSTGRES_URL
                            + ", e.g. jdbc:postgresql://127.0.0.1:5432/test?user=postgres");
        }
        URI database = URI.create(base.substring("jdbc:".length()));
        String schema = "cpe_outage_" + UUID.randomUUID().toString().replace("-", "");
        execute(base, "CREATE SCHEMA " + schema);
        try (TcpProxy proxy = new TcpProxy(database.getHost(), database.getPort() < 0 ? 5432 : database.getPort());
                Servers servers = new Servers(dir)) {
            String relayed = "jdbc:postgresql://127.0.0.1:" + proxy.port() + database.getRawPath() + "?"
                    + (database.getRawQuery() == null ? "" : database.getRawQuery() + "&") + "currentSchema=" + schema;
            int port = Servers.freePort();
            int sqsPort = Servers.freePort();
            servers.start(
                    "server",
                    port,
                    Map.of(
                            "CPE_DATA_DIR", dir.resolve("data").toString(),
                            "CPE_EMBEDDED_SQS_PORT", Integer.toString(sqsPort),
                            "CPE_EMBEDDED_SWF_JDBC_URL", relayed,
                            "CPE_DECIDER_PLANS_DIR", servers.plans().toString()));
            servers.awaitReady("server");
            try (JobLedger jobs = new JobLedger("http://127.0.0.1:" + sqsPort)) {
                jobs.submit("outage", JOBS, 1000);
                await().atMost(Duration.ofMinutes(2))
                        .pollInterval(Duration.ofMillis(200))
                        .until(() -> jobs.completed().size() >= 8 || !servers.alive("server"));
                assertThat(jobs.completed())
                        .as("jobs completed before the outage")
                        .hasSizeLessThan(JOBS);

                long cut = System.nanoTime();
                proxy.cut();
                Http.Response down = await().atMost(Duration.ofSeconds(20))
                        .pollInterval(Duration.ofMillis(500))
                        .until(() -> servers.get("server", "/health/ready"), r -> r.body()
                                .contains("\"embedded-swf\":\"BACKING_OFF"));
                assertThat(down.status()).as(down.body()).isEqualTo(503);
                assertThat(down.body()).as("the cause, in health").contains("workflow database");
                // For the rest of the outage the server stays up and says it is not ready.
                servers.staysNotReadyUntil("server", cut + OUTAGE.toNanos());
                proxy.restore();

                Http.Response up = await().atMost(Duration.ofSeconds(60))
                        .pollInterval(Duration.ofMillis(500))
                        .until(
                                () -> servers.get("server", "/health/ready"),
                                r -> r.status() == 200 || !servers.alive("server"));
                assertThat(up.status())
                        .as("readiness after the outage: %s%n%s", up.body(), servers.tail("server"))
                        .isEqualTo(200);
                await().atMost(Duration.ofMinutes(4))
                        .pollInterval(Duration.ofSeconds(1))
                        .until(() -> jobs.completed().size() >= JOBS || !servers.alive("server"));
                CrashRecoveryIT.awaitNoRepeat(jobs);

                assertThat(jobs.completed())
                        .as("jobs with WORKFLOW_COMPLETED (messages: %s)", jobs.types())
                        .hasSize(JOBS);
                assertThat(jobs.completed())
                        .allSatisfy((jobId, ids) -> assertThat(ids).as(jobId).hasSize(1));
                assertThat(jobs.failures()).as("failure notices").isEmpty();
            }
        } finally {
            execute(base, "DROP SCHEMA " + schema + " CASCADE");
        }
    }

    private static void execute(String url, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(url);
                Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
