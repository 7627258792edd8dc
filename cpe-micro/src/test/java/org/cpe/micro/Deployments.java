package org.cpe.micro;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** The real all-in-one WAR as built, with a test's configuration layered on top of its defaults. */
final class Deployments {

    /** The API users of every test deployment: an operator and a reader (see {@link Http}). */
    static final String USERS = Http.OPERATOR + ":operator:" + Http.OPERATOR_PASSWORD + "," + Http.READER + ":reader:"
            + Http.READER_PASSWORD;

    private Deployments() {}

    /**
     * {@code target/cpe.war} plus a library whose microprofile-config.properties (ordinal 500) holds the test's
     * settings: a private data folder and a free port for the embedded SQS, so that tests never share state, and the
     * HTTP listener on loopback, where arquillian.xml's pre-boot command binds it.
     */
    static WebArchive allInOne(String name, Map<String, String> config) {
        WebArchive war = ShrinkWrap.createFromZipFile(WebArchive.class, new File(System.getProperty("cpe.war")));
        StringBuilder properties = new StringBuilder("config_ordinal=500\n");
        properties.append("cpe.data-dir=").append(tempDir(name)).append('\n');
        properties.append("cpe.embedded-sqs.port=0\n");
        properties.append("cpe.startup.exit-on-failure=false\n");
        properties.append("cpe.http.host=127.0.0.1\n");
        if (!config.containsKey("cpe.security.users")) {
            properties.append("cpe.security.users=").append(USERS).append('\n');
        }
        properties.append(config.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining("\n")));
        JavaArchive testConfig = ShrinkWrap.create(JavaArchive.class, "cpe-test-config.jar")
                .addAsManifestResource(new StringAsset(properties.toString()), "microprofile-config.properties");
        return ShrinkWrap.create(WebArchive.class, name + ".war").merge(war).addAsLibrary(testConfig);
    }

    /** Adds what in-container test classes use besides JUnit: the HTTP helper, AssertJ and Awaitility. */
    static WebArchive withTestLibraries(WebArchive war) {
        return war.addClasses(Http.class, Http.Response.class, Deployments.class)
                .addAsLibraries(
                        jarOf(org.assertj.core.api.Assertions.class),
                        jarOf(org.awaitility.Awaitility.class),
                        jarOf(org.hamcrest.Matcher.class));
    }

    static File jarOf(Class<?> type) {
        try {
            return new File(
                    type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String tempDir(String name) {
        return folder(name).toString();
    }

    /** A new folder of the test run's own under {@code target/it-data}, named after {@code name}. */
    static Path folder(String name) {
        try {
            Path parent = Files.createDirectories(Path.of(System.getProperty("cpe.it.data")));
            return Files.createTempDirectory(parent, name + "-").toAbsolutePath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
