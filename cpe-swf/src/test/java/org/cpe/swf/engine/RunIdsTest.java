package org.cpe.swf.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunIdsTest {

    @Test
    void idsAreUniqueAndSortInTheOrderTheyWereMade() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 100_000; i++) {
            ids.add(RunIds.next());
        }
        assertThat(new HashSet<>(ids)).hasSize(ids.size());
        assertThat(ids).isSorted();
        assertThat(ids).allMatch(id -> id.matches("[0-9a-f]{32}"));
    }

    @Test
    void theFirstDigitsAreTheCreationTime() {
        long before = System.currentTimeMillis();
        String id = RunIds.next();
        long after = System.currentTimeMillis();
        // The counter may run ahead of the clock after a burst of ids, never behind it.
        long millis = Long.parseUnsignedLong(id.substring(0, 16), 16) >>> 16;
        assertThat(millis).isBetween(before, after + 1_000);
    }
}
