package org.cpe.builtin;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.cpe.activity.Activity;
import org.cpe.activity.ActivityType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ActivityTypesTest {

    @ParameterizedTest
    @CsvSource({
        "org.cpe.builtin.ChecksumActivity, Checksum, AUTOMATIC",
        "org.cpe.builtin.ThumbnailActivity, Thumbnail, AUTOMATIC",
        "org.cpe.builtin.TestActivity, Test, MANUAL"
    })
    void eachActivityIsAnApplicationScopedBeanDeclaringItsTypeAtVersion1(
            Class<?> type, String name, ActivityType.Heartbeats heartbeats) {
        ActivityType declared = type.getAnnotation(ActivityType.class);

        assertThat(Activity.class).isAssignableFrom(type);
        assertThat(type.isAnnotationPresent(ApplicationScoped.class)).isTrue();
        assertThat(declared).isNotNull();
        assertThat(declared.name()).isEqualTo(name);
        assertThat(declared.version()).isEqualTo("1");
        assertThat(declared.description()).isNotBlank();
        assertThat(declared.heartbeats()).isEqualTo(heartbeats);
        assertThat(declared.defaultHeartbeatTimeout()).isEqualTo("60");
    }

    @Test
    void testActivityDescribesItselfAsAgreed() {
        assertThat(TestActivity.class.getAnnotation(ActivityType.class).description())
                .isEqualTo("sleeps, reports progress, fails or stalls on command; for tests and demos");
    }

    @Test
    void beansXmlDiscoversAnnotatedBeansOnly() throws Exception {
        try (InputStream beans = getClass().getResourceAsStream("/META-INF/beans.xml")) {
            assertThat(beans).isNotNull();
            assertThat(new String(beans.readAllBytes(), StandardCharsets.UTF_8))
                    .contains("bean-discovery-mode=\"annotated\"")
                    .contains("version=\"4.0\"");
        }
    }
}
