package org.cpe.micro;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URL;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * The web console in Debian's headless Chromium against the whole stack: log in, the dashboard, the jobs table with
 * its filters and live updates, a job's page with its step graph and progress, cancel, and the workers page.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ConsoleIT {

    @ArquillianResource
    URL base;

    private Browser browser;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.allInOne(
                "console", Map.of("cpe.embedded-swf.poll-timeout-seconds", "2", "cpe.clients", "demo,acme"));
    }

    @BeforeEach
    void openBrowser() {
        browser = Browser.start();
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void asksForALoginAndRefusesAWrongPassword() {
        browser.open(base.toString());

        browser.logIn(Http.OPERATOR, "wrong");
        String error = browser.awaitText("#login-error", 20, t -> !t.isBlank());
        browser.logIn(Http.OPERATOR, Http.OPERATOR_PASSWORD);

        assertThat(error).isEqualTo("Wrong user name or password.");
        assertThat(browser.awaitText("#user", 20, t -> !t.isBlank())).isEqualTo("operator (operator)");
        assertThat(browser.visible("#dashboard-page h1").getText()).isEqualTo("Dashboard");
        browser.find("#logout").click();
        assertThat(browser.visible("#login-page").isDisplayed()).isTrue();
        assertThat(browser.find("#nav").isDisplayed()).isFalse();
    }

    @Test
    void theDashboardCountsJobsByStatusAndListsRecentFailures() throws Exception {
        String failing = "console-fail-" + System.nanoTime();
        String passing = "console-pass-" + System.nanoTime();
        assertThat(start("demo", failing, "{\"seconds\": 0, \"text\": \"x\", \"fail\": {\"reason\": \"BOOM\"}}")
                        .status())
                .isEqualTo(201);
        assertThat(start("demo", passing, "{\"seconds\": 0, \"text\": \"x\"}").status())
                .isEqualTo(201);

        loggedIn("");

        browser.await(60, d -> d.findElements(By.linkText(failing)).isEmpty() ? null : true);
        assertThat(Integer.parseInt(browser.awaitText("#count-FAILED", 30, t -> t.matches("[1-9]\\d*"))))
                .isGreaterThanOrEqualTo(1);
        assertThat(Integer.parseInt(browser.awaitText("#count-COMPLETED", 60, t -> t.matches("[1-9]\\d*"))))
                .isGreaterThanOrEqualTo(1);
        assertThat(browser.awaitText("#throughput", 30, t -> t.matches("[1-9]\\d* jobs completed.*")))
                .contains("in the last hour");
        assertThat(browser.find("#roles").getText()).contains("decider", "RUNNING");

        browser.driver.findElement(By.linkText(failing)).click();
        assertThat(browser.awaitText("#job-status", 20, t -> t.startsWith("FAILED")))
                .isEqualTo("FAILED");
        assertThat(browser.visible("#job-outcome-body").getText()).contains("BOOM");
    }

    @Test
    void theJobsTableFiltersAndUpdatesLive() throws Exception {
        String demoJob = "console-demo-" + System.nanoTime();
        String acmeJob = "console-acme-" + System.nanoTime();
        assertThat(start("demo", demoJob, "{\"seconds\": 0, \"text\": \"x\"}").status())
                .isEqualTo(201);
        assertThat(start("acme", acmeJob, "{\"seconds\": 4, \"text\": \"x\"}").status())
                .isEqualTo(201);

        loggedIn("#/jobs");
        browser.visible("#filter-client").sendKeys("acme");
        browser.find("#job-filter button[type=submit]").click();

        browser.await(20, d -> d.getCurrentUrl().contains("client=acme") ? true : null);
        String acmeRow = "#jobs tr[data-job='" + acmeJob + "']";
        browser.visible(acmeRow);
        assertThat(browser.awaitText("#jobs tbody", 20, t -> !t.contains(demoJob)))
                .as("only acme's jobs")
                .contains(acmeJob);
        assertThat(browser.all("#jobs tbody tr"))
                .extracting(row -> row.findElements(By.tagName("td")).get(1).getText())
                .containsOnly("acme");

        String later = "console-later-" + System.nanoTime();
        assertThat(start("acme", later, "{\"seconds\": 0, \"text\": \"x\"}").status())
                .isEqualTo(201);
        browser.visible("#jobs tr[data-job='" + later + "']");
        assertThat(browser.awaitText(acmeRow + " td.status", 90, "COMPLETED"::equals))
                .as("the open job's row turns COMPLETED without a reload")
                .isEqualTo("COMPLETED");

        new Select(browser.find("#filter-status")).selectByVisibleText("FAILED");
        browser.find("#job-filter button[type=submit]").click();
        browser.await(20, d -> d.getCurrentUrl().contains("status=FAILED") ? true : null);
        assertThat(browser.awaitText("#jobs tbody", 20, t -> !t.contains(acmeJob)))
                .doesNotContain(later);
    }

    @Test
    void aJobsPageDrawsItsStepGraphWithLiveProgressAndCancelsIt() throws Exception {
        String jobId = "console-live-" + System.nanoTime();
        assertThat(start("demo", jobId, "{\"seconds\": 240, \"text\": \"slow\"}")
                        .status())
                .isEqualTo(201);

        loggedIn("#/jobs?jobId=" + jobId);
        browser.visible("#jobs tr[data-job='" + jobId + "'] a").click();

        browser.await(20, d -> d.findElements(By.cssSelector("#graph g.step")).size() == 4 ? true : null);
        List<String> steps = browser.await(10, d -> browser.all("#graph g.step").stream()
                .map(g -> g.getAttribute("data-step"))
                .toList());
        Integer edges = browser.await(10, d -> browser.all("#graph path.edge").size());
        assertThat(steps).containsExactlyInAnyOrder("prepare", "left", "right", "checksum");
        assertThat(edges).isEqualTo(4);
        String prepare = "#graph g.step[data-step='prepare']";
        int first = browser.await(60, d -> percentWhile(prepare, "RUNNING", p -> p > 0));
        int later = browser.await(60, d -> percentWhile(prepare, "RUNNING", p -> p > first));
        assertThat(later)
                .as("the step's progress bar moves")
                .isGreaterThan(first)
                .isLessThan(100);
        assertThat(browser.find("#job-status").getText()).isEqualTo("OPEN");

        browser.visible("#job-cancel").click();
        browser.await(10, ExpectedConditions.alertIsPresent()).accept();

        assertThat(browser.awaitText("#job-status", 60, t -> t.equals("CANCELED")))
                .isEqualTo("CANCELED");
        String prepareStatus = browser.await(60, d -> {
            String status = browser.find(prepare).getAttribute("data-status");
            return "RUNNING".equals(status) ? null : status;
        });
        assertThat(prepareStatus).isEqualTo("CANCELED");
        assertThat(browser.find("#job-cancel").isDisplayed()).isFalse();
        assertThat(browser.visible("#job-retry").isDisplayed()).isTrue();
    }

    @Test
    void theWorkersPageShowsTaskListsAndPausesAndResumesARole() {
        loggedIn("#/workers");

        browser.visible("#task-lists tr[data-task-list='Test-1']");
        assertThat(browser.find("#task-lists").getText()).contains("Checksum-1", "Checksum:1", "Test:1");
        String decider = "#worker-roles tr[data-role='decider']";
        browser.visible(decider + " button").click();
        assertThat(browser.awaitText(decider + " td:nth-child(2)", 30, "PAUSED"::equals))
                .isEqualTo("PAUSED");
        browser.awaitText(decider + " button", 10, "Resume"::equals);
        browser.find(decider + " button").click();
        assertThat(browser.awaitText(decider + " td:nth-child(2)", 30, "RUNNING"::equals))
                .isEqualTo("RUNNING");
    }

    @Test
    void aReaderSeesJobsButNoActions() throws Exception {
        String jobId = "console-reader-" + System.nanoTime();
        assertThat(start("demo", jobId, "{\"seconds\": 30, \"text\": \"x\"}").status())
                .isEqualTo(201);

        browser.open(base.toString() + "#/job/demo/" + jobId);
        browser.logIn(Http.READER, Http.READER_PASSWORD);

        assertThat(browser.awaitText("#user", 20, t -> !t.isBlank())).isEqualTo("reader (reader)");
        assertThat(browser.awaitText("#job-id", 20, jobId::equals)).isEqualTo(jobId);
        assertThat(browser.awaitText("#job-status", 20, t -> !t.isBlank())).isEqualTo("OPEN");
        assertThat(browser.find("#job-cancel").isDisplayed()).isFalse();
        assertThat(browser.find("#job-terminate").isDisplayed()).isFalse();
        browser.open(base.toString() + "#/workers");
        browser.visible("#worker-roles tr[data-role='decider']");
        assertThat(browser.all("#worker-roles button")).isEmpty();
        Http.post(uri("api/jobs/demo/" + jobId + "/cancel"), "");
    }

    /** The step's percent when it has {@code status} and the percent passes {@code test}; else null. */
    private Integer percentWhile(String css, String status, java.util.function.IntPredicate test) {
        WebElement step = browser.find(css);
        int percent = Integer.parseInt(step.getAttribute("data-percent"));
        return status.equals(step.getAttribute("data-status")) && test.test(percent) ? percent : null;
    }

    private void loggedIn(String route) {
        browser.open(base.toString() + route);
        browser.logIn(Http.OPERATOR, Http.OPERATOR_PASSWORD);
        browser.awaitText("#user", 20, t -> !t.isBlank());
    }

    private Http.Response start(String client, String jobId, String data) throws Exception {
        String body = "{\"workflow\": {\"name\": \"cpe-demo\", \"version\": \"1\"}, " + data.substring(1);
        return Http.postJson(uri("api/jobs/" + client + "?jobId=" + jobId), body);
    }

    private URI uri(String path) throws Exception {
        return base.toURI().resolve(path);
    }
}
