package org.cpe.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Optional;
import org.cpe.config.ActivityPollerSettings.TypeRef;
import org.cpe.config.ActivityPollerSettings.TypeSettings;
import org.junit.jupiter.api.Test;

/** The ActivityPoller's settings: the types it runs, and per type its task list, slots and pollers. */
class ActivityPollerSettingsTest {

    @Test
    void byDefaultEveryDeployedTypeRunsWithEightSlotsOnItsOwnTaskList() {
        TestConfig config = TestConfig.defaults();
        ActivityPollerSettings settings = config.read().activityPoller();

        assertThat(settings.types()).isEmpty();
        assertThat(settings.runs("Anything", "7")).isTrue();
        assertThat(settings.heartbeatInterval()).isEqualTo(Duration.ofSeconds(10));
        assertThat(settings.progressInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(settings.forType(new ConfigReader(config.lookup()), "Checksum", "1"))
                .isEqualTo(new TypeSettings("Checksum-1", 8, 1));
    }

    @Test
    void aTypeListSelectsByNameAndVersionOrByNameAlone() {
        ActivityPollerSettings settings = TestConfig.defaults()
                .with(ActivityPollerSettings.TYPES_KEY, "Checksum:1, Thumbnail")
                .read()
                .activityPoller();

        assertThat(settings.types())
                .containsExactly(new TypeRef("Checksum", Optional.of("1")), new TypeRef("Thumbnail", Optional.empty()));
        assertThat(settings.runs("Checksum", "1")).isTrue();
        assertThat(settings.runs("Checksum", "2")).isFalse();
        assertThat(settings.runs("Thumbnail", "9")).isTrue();
        assertThat(settings.runs("Test", "1")).isFalse();
    }

    @Test
    void aMalformedTypeListIsAProblemNamingTheItem() {
        TestConfig config = TestConfig.defaults().with(ActivityPollerSettings.TYPES_KEY, "Checksum:,*");

        assertThatThrownBy(config::read)
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("'Checksum:' is not an activity type")
                .hasMessageContaining("'*' is not an activity type");
    }

    @Test
    void oneTypesTaskListSlotsAndPollersCanBeSetApartAndPollersNeverExceedSlots() {
        TestConfig config = TestConfig.defaults()
                .with("cpe.activity.Checksum.1.task-list", "checksums")
                .with("cpe.activity.Checksum.1.slots", "3")
                .with("cpe.activity.Checksum.1.pollers", "5");
        ActivityPollerSettings settings = config.read().activityPoller();

        assertThat(settings.forType(new ConfigReader(config.lookup()), "Checksum", "1"))
                .isEqualTo(new TypeSettings("checksums", 3, 3));
        assertThat(settings.forType(new ConfigReader(config.lookup()), "Checksum", "2"))
                .isEqualTo(new TypeSettings("Checksum-2", 8, 1));
    }

    @Test
    void badPerTypeValuesAreProblemsOfTheirKeys() {
        TestConfig config = TestConfig.defaults()
                .with("cpe.activity.Checksum.1.task-list", "a/b")
                .with("cpe.activity.Checksum.1.slots", "0");
        ConfigReader reader = new ConfigReader(config.lookup());

        config.read().activityPoller().forType(reader, "Checksum", "1");

        assertThatThrownBy(reader::throwIfInvalid)
                .hasMessageContaining("cpe.activity.Checksum.1.task-list")
                .hasMessageContaining("cpe.activity.Checksum.1.slots");
    }
}
