package org.cpe.swf.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/** The opaque position of the next page of closed executions. */
class PageTokenTest {

    @Test
    void readsBackThePositionItWrote() {
        PageToken token = new PageToken(1_735_689_600_123L, "run:with:colons");

        assertThat(PageToken.decode(token.encode())).isEqualTo(token);
    }

    @Test
    void aForeignTokenIsAValidationFault() {
        String wrongVersion = Base64.getUrlEncoder().encodeToString("9:1:r".getBytes(StandardCharsets.UTF_8));
        for (String token : new String[] {"%%%", "", wrongVersion, PageToken.class.getName()}) {
            assertThatThrownBy(() -> PageToken.decode(token))
                    .isInstanceOfSatisfying(
                            AwsServiceException.class,
                            e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException"));
        }
    }

    @Test
    void pageSizeIsAThousandWhenAbsentOrZeroAndNeverMore() {
        assertThat(ClosedQuery.pageSize(null)).isEqualTo(1000);
        assertThat(ClosedQuery.pageSize(0)).isEqualTo(1000);
        assertThat(ClosedQuery.pageSize(7)).isEqualTo(7);
        assertThat(ClosedQuery.pageSize(5000)).isEqualTo(1000);
    }
}
