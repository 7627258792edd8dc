package org.cpe.web.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Failed logins slow down per user and per address, on a clock the test moves. */
class LoginThrottleTest {

    private final MovingClock clock = new MovingClock();
    private final LoginThrottle throttle = new LoginThrottle(clock);

    @Test
    void fiveFailuresAreFreeThenEachAttemptWaitsADelayThatDoublesUpToAMinute() {
        for (int i = 0; i < 5; i++) {
            assertThat(fail("admin", "10.0.0.1")).as("failure %d", i + 1).isTrue();
        }
        List<Long> waits = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            LoginThrottle.Attempt refused = throttle.begin("admin", "10.0.0.1");
            assertThat(refused.admitted()).isFalse();
            waits.add(refused.retryAfterSeconds());
            clock.advance(Duration.ofSeconds(refused.retryAfterSeconds()).minusMillis(1));
            assertThat(throttle.begin("admin", "10.0.0.1").admitted())
                    .as("a millisecond before the wait ends")
                    .isFalse();
            clock.advance(Duration.ofMillis(1));
            assertThat(fail("admin", "10.0.0.1")).as("after the wait").isTrue();
        }
        assertThat(waits).containsExactly(1L, 2L, 4L, 8L, 16L, 32L, 60L, 60L, 60L);
    }

    @Test
    void anAttemptDuringTheWaitIsRefusedWithoutCountingSoItDoesNotLengthenTheWait() {
        failTimes(6, "admin", "10.0.0.1");
        for (int i = 0; i < 100; i++) {
            assertThat(throttle.begin("admin", "10.0.0.1").admitted()).isFalse();
            clock.advance(Duration.ofMillis(10));
        }
        clock.advance(Duration.ofSeconds(1));
        assertThat(throttle.begin("admin", "10.0.0.1").admitted())
                .as("2 s after the sixth failure, however many tries came in between")
                .isTrue();
    }

    @Test
    void aUserIsSlowedFromEveryAddressAndAnAddressForEveryUser() {
        for (int i = 0; i < 5; i++) {
            fail("admin", "10.0.0." + i);
            fail("user-" + i, "192.168.1.7");
        }

        assertThat(throttle.begin("admin", "10.9.9.9").admitted())
                .as("the user from a new address")
                .isFalse();
        assertThat(throttle.begin("someone-else", "192.168.1.7").admitted())
                .as("a new user from the address")
                .isFalse();
        assertThat(throttle.begin("someone-else", "10.9.9.9").admitted())
                .as("neither seen")
                .isTrue();
    }

    @Test
    void aLoginClearsItsUsersAndItsAddressesRecords() {
        failTimes(6, "admin", "10.0.0.1");
        clock.advance(Duration.ofSeconds(2));
        LoginThrottle.Attempt right = throttle.begin("admin", "10.0.0.1");
        assertThat(right.admitted()).isTrue();
        throttle.end(right, true);

        for (int i = 0; i < 5; i++) {
            assertThat(fail("admin", "10.0.0.1"))
                    .as("free again: failure %d", i + 1)
                    .isTrue();
        }
        assertThat(throttle.begin("admin", "10.0.0.1").admitted()).isFalse();
    }

    @Test
    void aRecordIsForgottenFifteenMinutesAfterItsLastFailure() {
        failTimes(11, "admin", "10.0.0.1");
        clock.advance(Duration.ofMinutes(15).minusSeconds(1));
        LoginThrottle.Attempt late = throttle.begin("admin", "10.0.0.1");
        assertThat(late.admitted()).as("after the wait").isTrue();
        throttle.end(late, false);

        clock.advance(Duration.ofMinutes(15));

        for (int i = 0; i < 5; i++) {
            assertThat(fail("admin", "10.0.0.1"))
                    .as("forgotten: failure %d is free", i + 1)
                    .isTrue();
        }
    }

    @Test
    void atMostTenThousandRecordsAreKeptAndTheOneWithTheOldestFailureGoesFirst() {
        failTimes(5, "admin", null);
        for (int i = 0; i < LoginThrottle.MAX_RECORDS - 1; i++) {
            fail("guess-" + i, null);
        }
        assertThat(throttle.begin("admin", null).admitted()).as("still kept").isFalse();

        fail("one-more", null);

        assertThat(throttle.begin("admin", null).admitted()).as("dropped").isTrue();
    }

    @Test
    void onceFailuresAreOnRecordGuessesSentInParallelAreCheckedOneAtATime() {
        failTimes(5, "admin", "10.0.0.1");
        clock.advance(Duration.ofSeconds(1));

        LoginThrottle.Attempt first = throttle.begin("admin", "10.0.0.1");
        LoginThrottle.Attempt second = throttle.begin("admin", "10.0.0.2");
        throttle.end(first, false);

        assertThat(first.admitted()).isTrue();
        assertThat(second.admitted()).as("while the first is checked").isFalse();
        assertThat(second.retryAfterSeconds()).isEqualTo(1);
        assertThat(throttle.begin("admin", "10.0.0.2").admitted())
                .as("the first's failure starts the next wait")
                .isFalse();
    }

    @Test
    void withNoFailureOnRecordManyLoginsAreCheckedAtOnce() {
        List<LoginThrottle.Attempt> burst = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            burst.add(throttle.begin("grafana", "10.0.0.1"));
        }

        assertThat(burst).allSatisfy(a -> assertThat(a.admitted()).isTrue());
        burst.forEach(a -> throttle.end(a, true));
    }

    @Test
    void theDelayDoublesFromOneSecondAndStopsAtAMinute() {
        assertThat(LoginThrottle.delay(4)).isZero();
        assertThat(LoginThrottle.delay(5)).isEqualTo(Duration.ofSeconds(1));
        assertThat(LoginThrottle.delay(10)).isEqualTo(Duration.ofSeconds(32));
        assertThat(LoginThrottle.delay(11)).isEqualTo(Duration.ofSeconds(60));
        assertThat(LoginThrottle.delay(Integer.MAX_VALUE)).isEqualTo(Duration.ofSeconds(60));
    }

    /** A wrong password; whether it was checked (and so counted). */
    private boolean fail(String user, String address) {
        LoginThrottle.Attempt attempt = throttle.begin(user, address);
        throttle.end(attempt, false);
        return attempt.admitted();
    }

    /** Wrong passwords, each as soon as the throttle lets it be checked; the clock stays at the last one. */
    private void failTimes(int times, String user, String address) {
        for (int i = 0; i < times; i++) {
            clock.advance(LoginThrottle.delay(i));
            assertThat(fail(user, address)).as("failure %d", i + 1).isTrue();
        }
    }

    /** A clock that only moves when told. */
    private static final class MovingClock extends Clock {

        private Instant now = Instant.parse("2026-12-07T10:00:00Z");

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
