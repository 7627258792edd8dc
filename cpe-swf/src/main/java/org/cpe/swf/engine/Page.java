package org.cpe.swf.engine;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * One page of a sorted list, and the opaque token of the next. The token carries a position and what it is a
 * position in, so a token from another list is refused instead of silently misread.
 */
record Page<T>(List<T> items, String nextPageToken) {

    static <T> Page<T> of(List<T> sorted, String token, int size, String scope) {
        int from = token == null ? 0 : decode(token, scope);
        int to = Math.min(sorted.size(), from + size);
        List<T> items = from >= sorted.size() ? List.of() : List.copyOf(sorted.subList(from, to));
        return new Page<>(items, to < sorted.size() ? encode(to, scope) : null);
    }

    static String encode(int position, String scope) {
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString((position + "|" + scope).getBytes(StandardCharsets.UTF_8));
    }

    static int decode(String token, String scope) {
        try {
            String raw = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            int bar = raw.indexOf('|');
            if (bar > 0 && raw.substring(bar + 1).equals(scope)) {
                int position = Integer.parseInt(raw.substring(0, bar));
                if (position >= 0) {
                    return position;
                }
            }
        } catch (IllegalArgumentException e) {
            // falls through to the fault
        }
        throw Check.fail("nextPageToken", "Member must be a token returned by the previous page of the same request");
    }
}
