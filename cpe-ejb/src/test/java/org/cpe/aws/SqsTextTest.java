package org.cpe.aws;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SqsTextTest {

    @Test
    void loneSurrogatesAndNonCharactersBecomeReplacementsWhilePairsAndTextStay() {
        String fine = "{\"message\": \"ünï 😀 \\u0001 tab\\t\"}\n";
        assertThat(SqsText.clean(fine)).isSameAs(fine);
        assertThat(SqsText.clean("cut \uD83D here")).isEqualTo("cut \uFFFD here");
        assertThat(SqsText.clean("\uDE00 low first, then end \uD83D")).isEqualTo("\uFFFD low first, then end \uFFFD");
        assertThat(SqsText.clean("a\uFFFEb\uFFFFc\u0000d")).isEqualTo("a\uFFFDb\uFFFDc\uFFFDd");
    }
}
