package org.cpe.activitypoller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.cpe.activity.Activity;
import org.cpe.activity.ActivityContext;
import org.cpe.activity.ActivityTask;
import org.cpe.activity.ActivityType;
import org.cpe.config.ActivityPollerSettings;
import org.cpe.config.ActivityPollerSettings.TypeRef;
import org.junit.jupiter.api.Test;

/** What the ActivityPoller accepts as its deployed implementations. */
class ActivityCatalogTest {

    abstract static class Base implements Activity {
        @Override
        public Object execute(ActivityTask task, ActivityContext context) {
            return null;
        }
    }

    @ActivityType(name = "Resize", version = "1")
    static final class Resize extends Base {}

    @ActivityType(name = "Resize", version = "1")
    static final class OtherResize extends Base {}

    @ActivityType(name = "Resize", version = "2")
    static final class Resize2 extends Base {}

    @ActivityType(name = "Crop", version = "1", defaultHeartbeatTimeout = "a minute")
    static final class BadTimeout extends Base {}

    @ActivityType(name = "a:b", version = "1")
    static final class BadName extends Base {}

    static final class Undeclared extends Base {}

    private static ActivityCatalog.Discovered found(Base activity) {
        return new ActivityCatalog.Discovered(activity.getClass(), activity);
    }

    @Test
    void twoClassesDeclaringOneTypeStopTheDeploymentNamingBoth() {
        assertThatThrownBy(() -> ActivityCatalog.of(List.of(found(new Resize()), found(new OtherResize()))))
                .isInstanceOf(ActivityDeploymentException.class)
                .hasMessageContaining("activity type Resize 1 is declared by both")
                .hasMessageContaining(Resize.class.getName())
                .hasMessageContaining(OtherResize.class.getName());
    }

    @Test
    void anImplementationWithoutItsTypeOrWithABadDeclarationIsNamedWithTheProblem() {
        assertThatThrownBy(() -> ActivityCatalog.of(
                        List.of(found(new Undeclared()), found(new BadTimeout()), found(new BadName()))))
                .isInstanceOf(ActivityDeploymentException.class)
                .satisfies(e -> assertThat(((ActivityDeploymentException) e).problems())
                        .hasSize(3)
                        .anySatisfy(p -> assertThat(p)
                                .contains(Undeclared.class.getName())
                                .contains("@ActivityType"))
                        .anySatisfy(p -> assertThat(p).contains("'a minute' is not an SWF duration"))
                        .anySatisfy(p -> assertThat(p).contains("'a:b' is not an SWF name")));
    }

    @Test
    void versionsOfOneNameAreDistinctTypes() {
        ActivityCatalog catalog = ActivityCatalog.of(List.of(found(new Resize2()), found(new Resize())));

        assertThat(catalog.describe()).isEqualTo("Resize 1, Resize 2");
        assertThat(catalog.find("Resize", "2").orElseThrow().implementationClass())
                .isEqualTo(Resize2.class);
        assertThat(catalog.find("Resize", "3")).isEmpty();
    }

    @Test
    void theSettingsSelectTypesByNameOrNameAndVersionAndANameNotDeployedIsAnError() {
        ActivityCatalog catalog = ActivityCatalog.of(List.of(found(new Resize()), found(new Resize2())));

        assertThat(catalog.select(settings(List.of(new TypeRef("Resize", Optional.of("2")))))
                        .describe())
                .isEqualTo("Resize 2");
        assertThat(catalog.select(settings(List.of(new TypeRef("Resize", Optional.empty()))))
                        .describe())
                .isEqualTo("Resize 1, Resize 2");
        assertThat(catalog.select(settings(List.of())).all()).hasSize(2);
        assertThatThrownBy(() -> catalog.select(settings(List.of(new TypeRef("Crop", Optional.empty())))))
                .hasMessageContaining("names Crop, which is not deployed here (deployed: Resize 1, Resize 2)");
    }

    private static ActivityPollerSettings settings(List<TypeRef> types) {
        return new ActivityPollerSettings(types, 8, 1, Duration.ofSeconds(10), Duration.ofSeconds(1));
    }
}
