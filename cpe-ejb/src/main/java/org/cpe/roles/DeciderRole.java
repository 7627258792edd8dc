package org.cpe.roles;

import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import org.cpe.config.CpeSettings;
import org.cpe.config.Role;
import org.cpe.loop.PollCycle;

/**
 * The decider role's lifecycle: the role follows each workflow's history and decides its next steps from its execution plan. Its loop idles until that work is built.
 *
 * <p>Depends on the embedded services so that they start before it and stop after it.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@DependsOn({"StartupGuard", "EmbeddedSqsRole", "EmbeddedSwfRole"})
public class DeciderRole extends PollingRole {

    @Override
    protected Role role() {
        return Role.DECIDER;
    }

    @Override
    protected PollCycle cycle(CpeSettings settings) {
        return new IdleCycle();
    }
}
