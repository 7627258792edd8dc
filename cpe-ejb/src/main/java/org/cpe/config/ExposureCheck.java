package org.cpe.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The start-time checks of what other machines can reach: an embedded endpoint reachable beyond loopback must not be
 * open or accept the well-known local secret unless the operator says so ({@code
 * cpe.security.allow-well-known-secrets}), and the API's open-local mode needs a listener on loopback.
 */
final class ExposureCheck {

    /** The secret every CPE server sends and accepts by default, printed in the docs: anyone can sign with it. */
    static final String WELL_KNOWN_SECRET = "cpe-local";

    private static final String LOOPBACK_HOW = "bind to loopback and say so (bin/cpe-server --host 127.0.0.1, which"
            + " sets " + HttpSettings.HOST_KEY + "; " + EmbeddedSqsSettings.HOST_KEY + "=127.0.0.1)";

    private final CpeSettings settings;
    private final ConfigReader reader;

    ExposureCheck(CpeSettings settings, ConfigReader reader) {
        this.settings = settings;
        this.reader = reader;
    }

    void check() {
        checkOpenLocal();
        if (settings.security().allowWellKnownSecrets()) {
            return;
        }
        List<String> paths = new ArrayList<>();
        checkHttpEndpoint(Role.EMBEDDED_SWF, "/swf", settings.embeddedSwf().signaturesRequired(), paths);
        checkHttpEndpoint(Role.EMBEDDED_S3, "/s3", settings.embeddedS3().signaturesRequired(), paths);
        List<String> signed = new ArrayList<>();
        if (!paths.isEmpty()) {
            signed.add(String.join(" and ", paths) + " on the HTTP listener ("
                    + settings.http().described() + ")");
        }
        EmbeddedSqsSettings sqs = settings.embeddedSqs();
        if (settings.roles().isEnabled(Role.EMBEDDED_SQS) && sqs.beyondLoopback()) {
            if (sqs.signaturesRequired()) {
                signed.add("the embedded SQS (" + EmbeddedSqsSettings.HOST_KEY + " = '" + sqs.host() + "')");
            } else {
                reader.problem(
                        EmbeddedSqsSettings.SIGNATURES_KEY,
                        "open",
                        "lets anyone who reaches the embedded SQS (" + EmbeddedSqsSettings.HOST_KEY + " = '"
                                + sqs.host() + "') read, send to and delete every queue without a key",
                        "'auto' or 'sigv4' with your own keys ("
                                + ConfigProblem.environmentName(EmbeddedSwfSettings.ACCESS_KEYS_KEY) + "); or "
                                + LOOPBACK_HOW + "; or " + SecuritySettings.ALLOW_WELL_KNOWN_KEY
                                + "=true if every machine that reaches it may use it");
            }
        }
        if (!signed.isEmpty()) {
            checkAcceptedKeys(signed);
        }
    }

    private void checkOpenLocal() {
        if (settings.security().openLocal() && settings.http().beyondLoopback()) {
            reader.problem(
                    SecuritySettings.ACCESS_KEY,
                    "open-local",
                    "admits requests from this machine without credentials, but the HTTP listener may be reachable"
                            + " from other machines (" + settings.http().described() + ")",
                    "'authenticated'; or run the server on loopback and say so: bin/cpe-server --host 127.0.0.1"
                            + " (which sets " + HttpSettings.HOST_KEY + "=127.0.0.1)");
        }
    }

    /** An endpoint served on the HTTP listener: a problem when it is open beyond loopback, else noted as signed. */
    private void checkHttpEndpoint(Role role, String path, boolean signaturesRequired, List<String> signed) {
        if (!settings.roles().isEnabled(role) || !settings.http().beyondLoopback()) {
            return;
        }
        if (signaturesRequired) {
            signed.add(path + " (role " + role.configName() + ")");
            return;
        }
        String key = role == Role.EMBEDDED_SWF ? EmbeddedSwfSettings.SIGNATURES_KEY : EmbeddedS3Settings.SIGNATURES_KEY;
        reader.problem(
                key,
                "open",
                "lets anyone who reaches the HTTP listener use " + path + " (role " + role.configName()
                        + ") without a key, and the listener may be reachable from other machines ("
                        + settings.http().described() + ")",
                "'sigv4' with your own keys (" + ConfigProblem.environmentName(EmbeddedSwfSettings.ACCESS_KEYS_KEY)
                        + "); or " + LOOPBACK_HOW + "; or " + SecuritySettings.ALLOW_WELL_KNOWN_KEY
                        + "=true if every machine that reaches it may use it");
    }

    private void checkAcceptedKeys(List<String> signed) {
        List<String> wellKnown = settings.acceptedAccessKeys().entrySet().stream()
                .filter(e -> e.getValue().equals(WELL_KNOWN_SECRET))
                .map(Map.Entry::getKey)
                .toList();
        if (wellKnown.isEmpty()) {
            return;
        }
        boolean listed = !settings.embeddedSwf().accessKeys().isEmpty();
        String key = listed ? EmbeddedSwfSettings.ACCESS_KEYS_KEY : "cpe.aws.local-secret-access-key";
        reader.problem(
                key,
                listed ? "(hidden)" : WELL_KNOWN_SECRET,
                "is the well-known secret '" + WELL_KNOWN_SECRET + "' (of access key " + String.join(", ", wellKnown)
                        + "), which anyone can sign with, and it opens " + String.join(", and ", signed)
                        + ", which other machines may reach",
                "your own key on every CPE server: "
                        + ConfigProblem.environmentName("cpe.aws.local-access-key-id") + " and "
                        + ConfigProblem.environmentName("cpe.aws.local-secret-access-key")
                        + " (the key a server sends and, by default, accepts), or the keys to accept in "
                        + ConfigProblem.environmentName(EmbeddedSwfSettings.ACCESS_KEYS_KEY) + "; or " + LOOPBACK_HOW
                        + "; or " + SecuritySettings.ALLOW_WELL_KNOWN_KEY + "=true to accept it knowingly");
    }
}
