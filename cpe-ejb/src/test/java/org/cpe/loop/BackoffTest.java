package org.cpe.loop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void delayDoublesUpToTheMaximumWithJitterInTheUpperHalf() {
        Backoff highest = new Backoff(Duration.ofMillis(100), Duration.ofMillis(1000), () -> 1.0);
        Backoff lowest = new Backoff(Duration.ofMillis(100), Duration.ofMillis(1000), () -> 0.0);

        assertThat(java.util.stream.Stream.generate(highest::next).limit(6).map(Duration::toMillis))
                .containsExactly(100L, 200L, 400L, 800L, 1000L, 1000L);
        assertThat(java.util.stream.Stream.generate(lowest::next).limit(6).map(Duration::toMillis))
                .containsExactly(50L, 100L, 200L, 400L, 500L, 500L);
    }

    @Test
    void successResetsToTheInitialDelay() {
        Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(30), () -> 1.0);
        backoff.next();
        backoff.next();
        backoff.next();

        backoff.reset();

        assertThat(backoff.failures()).isZero();
        assertThat(backoff.next()).isEqualTo(Duration.ofMillis(100));
    }

    @Test
    void manyFailuresNeverOverflow() {
        Backoff backoff = new Backoff(Duration.ofMillis(1), Duration.ofHours(1), () -> 1.0);

        for (int i = 0; i < 1000; i++) {
            backoff.next();
        }

        assertThat(backoff.next()).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void rejectsAMaximumBelowTheInitialDelay() {
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
