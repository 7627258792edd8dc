package org.cpe.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import org.cpe.config.Role;
import org.cpe.loop.LoopListener;
import org.junit.jupiter.api.Test;

class RoleStatusTest {

    @Test
    void theRoleBacksOffWhileAnyOfItsLoopsDoesWhateverTheOthersDo() {
        RoleStatus status = new RoleStatus(Role.ACTIVITY_POLLER, Clock.systemUTC());
        LoopListener poller = status.loop("Test-1");
        LoopListener sender = status.loop("notices");
        poller.running();
        sender.running();

        poller.backingOff(new IllegalStateException("SWF unreachable"), Duration.ofSeconds(1));
        sender.progressed();

        assertThat(status.snapshot().state()).isEqualTo(RoleState.BACKING_OFF);
        poller.progressed();
        assertThat(status.snapshot().state()).isEqualTo(RoleState.RUNNING);
    }
}
