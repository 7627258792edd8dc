package org.cpe.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PasswordHashTest {

    @Test
    void aHashMatchesItsPasswordOnly() {
        String hash = PasswordHash.hash("correct horse".toCharArray());

        assertThat(PasswordHash.isHash(hash)).isTrue();
        assertThat(PasswordHash.matches("correct horse".toCharArray(), hash)).isTrue();
        assertThat(PasswordHash.matches("correct horsE".toCharArray(), hash)).isFalse();
        assertThat(PasswordHash.matches(new char[0], hash)).isFalse();
        assertThat(PasswordHash.hash("correct horse".toCharArray()))
                .as("salted")
                .isNotEqualTo(hash);
    }

    @Test
    void anythingElseIsAPasswordInPlainText() {
        assertThat(PasswordHash.isHash("plain")).isFalse();
        assertThat(PasswordHash.matches("plain".toCharArray(), "plain")).isTrue();
        assertThat(PasswordHash.matches("plai".toCharArray(), "plain")).isFalse();
    }

    @Test
    void aMalformedHashIsNamed() {
        assertThatThrownBy(() -> PasswordHash.check("PBKDF2WithHmacSHA256:many:salt:hash"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("PBKDF2WithHmacSHA256:iterations:salt:hash");
        assertThatThrownBy(() -> PasswordHash.check("PBKDF2WithHmacSHA256:1000:c2FsdA=="))
                .isInstanceOf(IllegalArgumentException.class);
        PasswordHash.check("a plain password: fine");
    }
}
