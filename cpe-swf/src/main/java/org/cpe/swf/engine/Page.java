package org.cpe.swf.engine;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/**
 * One page of a sorted list, and the opaque token of the next. The token holds the sort key of the last item
 * returned rather than an offset, so that items added or removed between two calls neither repeat nor go missing;
 * and it says what list it is a position in, so a token from another list is refused instead of silently misread.
 */
record Page<T>(List<T> items, String nextPageToken) {

    /**
     * How a list is sorted, and how a position in it is written down: the key of an item, and an item standing for
     * a key (a probe holding just the members the comparator reads).
     */
    record Order<T>(Comparator<T> comparator, Function<T, String> key, Function<String, T> probe) {

        Order<T> reversed(boolean reverse) {
            return reverse ? new Order<>(comparator.reversed(), key, probe) : this;
        }
    }

    /**
     * The page after the token's position (or the first page) of a list sorted by the order.
     *
     * @param scope what the list is, e.g. {@code open|<domain>}: a token of another scope is refused
     */
    static <T> Page<T> of(List<T> sorted, String token, int size, String scope, Order<T> order) {
        int from = 0;
        if (token != null) {
            T last = probe(order, decode(token, scope));
            while (from < sorted.size() && order.comparator().compare(sorted.get(from), last) <= 0) {
                from++;
            }
        }
        int to = Math.min(sorted.size(), from + size);
        List<T> items = List.copyOf(sorted.subList(from, to));
        String next = to < sorted.size() && to > from ? encode(order.key().apply(sorted.get(to - 1)), scope) : null;
        return new Page<>(items, next);
    }

    static String encode(String key, String scope) {
        Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
        return base64.encodeToString(scope.getBytes(StandardCharsets.UTF_8)) + "."
                + base64.encodeToString(key.getBytes(StandardCharsets.UTF_8));
    }

    static String decode(String token, String scope) {
        try {
            String[] parts = token.split("\\.", -1);
            if (parts.length == 2) {
                Base64.Decoder base64 = Base64.getUrlDecoder();
                if (new String(base64.decode(parts[0]), StandardCharsets.UTF_8).equals(scope)) {
                    return new String(base64.decode(parts[1]), StandardCharsets.UTF_8);
                }
            }
        } catch (IllegalArgumentException e) {
            // falls through to the fault
        }
        throw invalid();
    }

    private static <T> T probe(Order<T> order, String key) {
        try {
            return order.probe().apply(key);
        } catch (RuntimeException e) {
            throw invalid(); // a key this engine did not write
        }
    }

    private static RuntimeException invalid() {
        return Check.fail("nextPageToken", "Member must be a token returned by the previous page of the same request");
    }
}
