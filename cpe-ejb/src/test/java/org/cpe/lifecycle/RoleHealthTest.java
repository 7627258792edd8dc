package org.cpe.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.Set;
import org.cpe.config.Role;
import org.junit.jupiter.api.Test;

class RoleHealthTest {

    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
    private static final Duration STALL = Duration.ofSeconds(180);

    private final RoleRegistry registry = new RoleRegistry(Clock.fixed(T0, ZoneOffset.UTC));
    private final Set<Role> deciderAndSqs = EnumSet.of(Role.DECIDER, Role.EMBEDDED_SQS);

    @Test
    void readyOnlyWhenEveryEnabledRoleRunsAndDataNamesEveryRole() {
        registry.status(Role.DECIDER).starting();
        registry.status(Role.EMBEDDED_SQS).running();

        RoleHealth.Verdict starting = RoleHealth.readiness(deciderAndSqs, registry.snapshot());
        registry.status(Role.DECIDER).running();
        RoleHealth.Verdict running = RoleHealth.readiness(deciderAndSqs, registry.snapshot());

        assertThat(starting.up()).isFalse();
        assertThat(starting.data()).containsEntry("decider", "STARTING");
        assertThat(running.up()).isTrue();
        assertThat(running.data())
                .containsEntry("decider", "RUNNING")
                .containsEntry("embedded-sqs", "RUNNING")
                .containsEntry("input-poller", "DISABLED")
                .containsEntry("activity-poller", "DISABLED")
                .containsEntry("embedded-swf", "DISABLED");
    }

    @Test
    void backingOffIsAliveButNotReadyAndShowsTheCause() {
        registry.status(Role.EMBEDDED_SQS).running();
        registry.status(Role.DECIDER).running();
        registry.status(Role.DECIDER).backingOff(new IllegalStateException("SWF unreachable"), Duration.ofSeconds(1));

        RoleHealth.Verdict ready = RoleHealth.readiness(deciderAndSqs, registry.snapshot());
        RoleHealth.Verdict live = RoleHealth.liveness(deciderAndSqs, registry.snapshot(), T0, STALL);

        assertThat(ready.up()).isFalse();
        assertThat(ready.data()).containsEntry("decider", "BACKING_OFF (IllegalStateException: SWF unreachable)");
        assertThat(live.up()).isTrue();
    }

    @Test
    void failedRoleIsNotAlive() {
        registry.status(Role.EMBEDDED_SQS).failed(new IllegalStateException("port 9324 in use"));
        registry.status(Role.DECIDER).running();

        RoleHealth.Verdict live = RoleHealth.liveness(deciderAndSqs, registry.snapshot(), T0, STALL);

        assertThat(live.up()).isFalse();
        assertThat(live.data()).containsEntry("embedded-sqs", "FAILED (IllegalStateException: port 9324 in use)");
    }

    @Test
    void pollLoopWithoutProgressBeyondTheThresholdIsStalled() {
        registry.status(Role.EMBEDDED_SQS).running();
        registry.status(Role.DECIDER).running();

        assertThat(RoleHealth.liveness(deciderAndSqs, registry.snapshot(), T0.plus(STALL), STALL)
                        .up())
                .isTrue();
        assertThat(RoleHealth.liveness(
                                deciderAndSqs,
                                registry.snapshot(),
                                T0.plus(STALL).plusSeconds(1),
                                STALL)
                        .up())
                .isFalse();
    }

    @Test
    void aPausedPollerIsReadyAndNeverStalled() {
        registry.status(Role.EMBEDDED_SQS).running();
        registry.status(Role.DECIDER).running();
        registry.status(Role.DECIDER).paused();

        assertThat(RoleHealth.readiness(deciderAndSqs, registry.snapshot()).data())
                .containsEntry("decider", "PAUSED");
        assertThat(RoleHealth.readiness(deciderAndSqs, registry.snapshot()).up())
                .isTrue();
        assertThat(RoleHealth.liveness(deciderAndSqs, registry.snapshot(), T0.plus(STALL.multipliedBy(10)), STALL)
                        .up())
                .isTrue();
    }

    @Test
    void startupCompletesOnceEveryEnabledRoleHasStarted() {
        registry.status(Role.EMBEDDED_SQS).running();

        assertThat(RoleHealth.startup(deciderAndSqs, registry.snapshot()).up()).isFalse();
        registry.status(Role.DECIDER).running();
        assertThat(RoleHealth.startup(deciderAndSqs, registry.snapshot()).up()).isTrue();
    }
}
