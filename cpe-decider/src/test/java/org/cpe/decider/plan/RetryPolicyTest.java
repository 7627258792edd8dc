package org.cpe.decider.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    private final RetryPolicy policy =
            new RetryPolicy(5, Duration.ofSeconds(2), 3.0, Duration.ofSeconds(10), Set.of("BAD_INPUT"));

    @Test
    void theFirstRetryWaitsTheInitialInterval() {
        assertThat(policy.delayBefore(2)).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void eachFurtherRetryWaitsTheBackoffCoefficientTimesLonger() {
        assertThat(policy.delayBefore(3)).isEqualTo(Duration.ofSeconds(6));
    }

    @Test
    void theWaitIsCappedAtTheMaximumInterval() {
        assertThat(policy.delayBefore(4)).isEqualTo(Duration.ofSeconds(10));
        assertThat(policy.delayBefore(5)).isEqualTo(Duration.ofSeconds(10));
        assertThat(policy.delayBefore(100)).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void fractionalIntervalsKeepTheirMilliseconds() {
        RetryPolicy fast = new RetryPolicy(4, Duration.ofMillis(500), 1.5, Duration.ofSeconds(1), Set.of());

        assertThat(fast.delayBefore(2)).isEqualTo(Duration.ofMillis(500));
        assertThat(fast.delayBefore(3)).isEqualTo(Duration.ofMillis(750));
        assertThat(fast.delayBefore(4)).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void aCoefficientOfOneWaitsTheSameEveryTime() {
        RetryPolicy steady = new RetryPolicy(4, Duration.ofSeconds(3), 1.0, Duration.ofSeconds(60), Set.of());

        assertThat(steady.delayBefore(2)).isEqualTo(Duration.ofSeconds(3));
        assertThat(steady.delayBefore(4)).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void aFailureIsRetriedUntilTheMaximumAttempts() {
        assertThat(policy.retries(1, "ERROR")).isTrue();
        assertThat(policy.retries(4, "ERROR")).isTrue();
        assertThat(policy.retries(5, "ERROR")).isFalse();
    }

    @Test
    void aNonRetryableReasonIsFinalAtOnce() {
        assertThat(policy.retries(1, "BAD_INPUT")).isFalse();
    }

    @Test
    void noneTriesOnce() {
        assertThat(RetryPolicy.NONE.maximumAttempts()).isEqualTo(1);
        assertThat(RetryPolicy.NONE.retries(1, "ERROR")).isFalse();
    }
}
