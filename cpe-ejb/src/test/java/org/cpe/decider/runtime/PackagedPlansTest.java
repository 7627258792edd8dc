package org.cpe.decider.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.cpe.config.DeciderSettings;
import org.cpe.decider.plan.PlanLibrary;
import org.junit.jupiter.api.Test;

/** The plans packaged with CPE all load, so a Decider with no plans folder runs them. */
class PackagedPlansTest {

    @Test
    void everyPackagedPlanLoadsWithoutAProblem() {
        PlanLibrary plans = DeciderRuntime.loadPlans(new DeciderSettings("cpe", "cpe-decisions", Optional.empty(), 1));

        assertThat(plans.problems()).isEmpty();
        assertThat(plans.plan("cpe-checksum", "1")).hasValueSatisfying(plan -> {
            assertThat(plan.source()).isEqualTo("classpath:cpe/plans/cpe-checksum.yml");
            assertThat(plan.steps()).extracting(s -> s.activity().taskList()).containsExactly("Checksum-1");
        });
        // The Quick start's demo: bin/cpe submit samples/jobs/demo.json.
        assertThat(plans.plan("cpe-demo", "1")).hasValueSatisfying(plan -> assertThat(plan.steps())
                .extracting(s -> s.name())
                .containsExactly("prepare", "left", "right", "checksum"));
    }
}
