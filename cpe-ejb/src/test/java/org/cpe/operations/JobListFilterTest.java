package org.cpe.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class JobListFilterTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void noFiltersListEverythingTwentyAtATime() throws Exception {
        JobListFilter filter = JobListFilter.parse(json("{}"));

        assertThat(filter.status()).isNull();
        assertThat(filter.wantsOpen()).isTrue();
        assertThat(filter.wantsClosed()).isTrue();
        assertThat(filter.pageSize()).isEqualTo(20);
        assertThat(filter.position()).isNull();
    }

    @Test
    void everyFilterIsRead() throws Exception {
        JobListFilter filter = JobListFilter.parse(
                json(
                        """
                {"status": "failed", "workflow": {"name": "Transcode", "version": "1.0"},
                 "startedAfter": 1437447258.5, "startedBefore": "2026-11-23T10:15:30Z", "pageSize": 5}
                """));

        assertThat(filter.status()).isEqualTo("FAILED");
        assertThat(filter.wantsOpen()).isFalse();
        assertThat(filter.typeName()).isEqualTo("Transcode");
        assertThat(filter.typeVersion()).isEqualTo("1.0");
        assertThat(filter.startedAfter()).isEqualTo(Instant.ofEpochMilli(1437447258500L));
        assertThat(filter.startedBefore()).isEqualTo(Instant.parse("2026-11-23T10:15:30Z"));
        assertThat(filter.pageSize()).isEqualTo(5);
    }

    @Test
    void aPageTokenComesBackAsThePositionItWasMadeFrom() throws Exception {
        String token = new JobListFilter.Position(false, "swf-token", 7).encode();

        JobListFilter filter = JobListFilter.parse(json("{\"nextPageToken\": \"" + token + "\"}"));

        assertThat(filter.position()).isEqualTo(new JobListFilter.Position(false, "swf-token", 7));
    }

    @Test
    void badFiltersAreRefusedWithAReasonThatNamesTheField() {
        assertRefused("{\"status\": \"RUNNING\"}", "INVALID_FILTER", "status must be OPEN, CLOSED or one of");
        assertRefused("{\"status\": 3}", "INVALID_FILTER", "status");
        assertRefused("{\"workflow\": \"Transcode\"}", "INVALID_FILTER", "workflow must be");
        assertRefused("{\"startedAfter\": \"yesterday\"}", "INVALID_FILTER", "startedAfter must be epoch seconds");
        assertRefused("{\"startedAfter\": 20, \"startedBefore\": 10}", "INVALID_FILTER", "later than");
        assertRefused("{\"pageSize\": 0}", "INVALID_FILTER", "pageSize");
        assertRefused("{\"pageSize\": 101}", "INVALID_FILTER", "pageSize");
        assertRefused("{\"pageSize\": 2.5}", "INVALID_FILTER", "pageSize");
        assertRefused("{\"nextPageToken\": 12}", "INVALID_PAGE_TOKEN", "nextPageToken");
        assertRefused("{\"nextPageToken\": \"bm90IGpzb24\"}", "INVALID_PAGE_TOKEN", "nextPageToken");
    }

    private static void assertRefused(String data, String reason, String message) {
        assertThatThrownBy(() -> JobListFilter.parse(json(data)))
                .isInstanceOf(JobListFilter.InvalidFilter.class)
                .hasMessageContaining(message)
                .satisfies(e ->
                        assertThat(((JobListFilter.InvalidFilter) e).reason).isEqualTo(reason));
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
