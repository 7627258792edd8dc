package org.cpe.config;

import java.util.regex.Pattern;

/**
 * The AWS region, and the static credentials that go to non-AWS endpoints (the embedded services, another CPE
 * server). Against AWS itself the SDK's default credential chain is used and these keys are ignored.
 */
public record AwsSettings(String region, String localAccessKeyId, String localSecretAccessKey) {

    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d+");

    @Override
    public String toString() {
        return "AwsSettings[region=" + region + ", localAccessKeyId=" + localAccessKeyId + "]";
    }

    static AwsSettings read(ConfigReader reader) {
        String region = reader.text("cpe.aws.region");
        if (!region.isEmpty() && !REGION.matcher(region).matches()) {
            reader.problem(
                    "cpe.aws.region", region, "is not an AWS region name", "a region such as us-east-1 or eu-west-3");
        }
        return new AwsSettings(
                region, reader.text("cpe.aws.local-access-key-id"), reader.text("cpe.aws.local-secret-access-key"));
    }
}
