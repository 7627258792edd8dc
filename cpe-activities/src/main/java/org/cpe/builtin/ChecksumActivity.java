package org.cpe.builtin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import org.cpe.activity.Activity;
import org.cpe.activity.ActivityContext;
import org.cpe.activity.ActivityException;
import org.cpe.activity.ActivityTask;
import org.cpe.activity.ActivityType;

/**
 * The checksum of a text (as UTF-8) or of the body at an http(s) URL, streamed. Input
 * {@code {"text": ..., "url": ..., "algorithm": "SHA-256"}} with exactly one of {@code text} or {@code url};
 * result {@code {"algorithm": ..., "checksum": "<lowercase hex>", "size": <bytes>}}. The packaged cpe-checksum plan
 * depends on this contract.
 */
@ApplicationScoped
@ActivityType(
        name = "Checksum",
        version = "1",
        description = "MD5, SHA-1, SHA-256 or SHA-512 checksum of a text or of the content at an http(s) URL")
public class ChecksumActivity implements Activity {

    static final List<String> ALGORITHMS = List.of("MD5", "SHA-1", "SHA-256", "SHA-512");
    static final String DEFAULT_ALGORITHM = "SHA-256";

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public JsonNode execute(ActivityTask task, ActivityContext context) throws ActivityException {
        JsonNode input = Inputs.object(task);
        Inputs.requireExactlyOne(input, "text", "url");
        String algorithm = Inputs.choice(input, "algorithm", DEFAULT_ALGORITHM, ALGORITHMS);
        String text = Inputs.text(input, "text");
        MessageDigest digest = digest(algorithm);
        long size;
        if (text != null) {
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            digest.update(bytes);
            size = bytes.length;
        } else {
            String url = Inputs.text(input, "url");
            size = Downloads.fetch(
                    Downloads.parse("url", url), context, (buffer, length) -> digest.update(buffer, 0, length));
        }
        return JSON.createObjectNode()
                .put("algorithm", algorithm)
                .put("checksum", HexFormat.of().formatHex(digest.digest()))
                .put("size", size);
    }

    private static MessageDigest digest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            // The JDK's SUN provider has all four: one missing is a broken runtime, not bad input.
            throw new IllegalStateException("This JDK lacks " + algorithm, e);
        }
    }
}
