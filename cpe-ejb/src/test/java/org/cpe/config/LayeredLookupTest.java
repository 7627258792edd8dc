package org.cpe.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LayeredLookupTest {

    private static final Map<String, String> FILE = Map.of("cpe.roles", "decider");
    private static final Map<String, String> PACKAGED =
            Map.of("cpe.roles", "input-poller,decider", "cpe.data-dir", "${user.home}/.cpe", "cpe.clients", "demo");

    @Test
    void serverConfigWinsWhenItHasTheKey() {
        LayeredLookup lookup = new LayeredLookup(key -> Optional.of("from-server"), List.of(FILE, PACKAGED));

        assertThat(lookup.apply("cpe.roles")).contains("from-server");
        assertThat(lookup.serverMissesApplication("cpe.roles")).isFalse();
    }

    @Test
    void serverLevelConfigWithoutTheApplicationFallsBackToTheFileThenThePackagedDefaults() {
        LayeredLookup lookup = new LayeredLookup(key -> Optional.empty(), List.of(FILE, PACKAGED));

        assertThat(lookup.serverMissesApplication("cpe.roles")).isTrue();
        assertThat(lookup.apply("cpe.roles")).contains("decider");
        assertThat(lookup.apply("cpe.clients")).contains("demo");
        assertThat(lookup.apply("cpe.unknown")).isEmpty();
    }

    @Test
    void fallbackValuesExpandPropertyExpressions() {
        LayeredLookup lookup = new LayeredLookup(key -> Optional.empty(), List.of(PACKAGED));

        assertThat(lookup.apply("cpe.data-dir")).contains(System.getProperty("user.home") + "/.cpe");
    }

    @Test
    void readsThePackagedDefaultsFromTheClassLoader() {
        // The server says where it listens, as bin/cpe-server does: the packaged defaults alone refuse to start.
        LayeredLookup lookup = LayeredLookup.of(
                key -> key.equals("cpe.http.host") ? Optional.of("127.0.0.1") : Optional.empty(),
                getClass().getClassLoader());

        assertThat(lookup.apply("cpe.roles"))
                .contains("input-poller,decider,activity-poller,embedded-sqs,embedded-swf,embedded-s3");
        assertThat(CpeSettings.read(lookup).clients().clients()).hasSize(1);
    }
}
