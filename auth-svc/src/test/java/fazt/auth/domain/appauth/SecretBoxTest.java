package fazt.auth.domain.appauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SecretBoxTest {
    private final SecretBox box = new SecretBox("m".repeat(32));

    @Test
    void aSealedSecretOpensOnlyForItsRowAndMasterKey() {
        byte[] sealed = box.seal("client-secret-123", "blog/google");
        assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain("client-secret-123");
        assertThat(box.open(sealed, "blog/google")).isEqualTo("client-secret-123");
        assertThat(box.seal("client-secret-123", "blog/google"))
                .as("fresh nonce each time")
                .isNotEqualTo(sealed);
        assertThatThrownBy(() -> box.open(sealed, "shop/google")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SecretBox("n".repeat(32)).open(sealed, "blog/google"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aTamperedBoxIsRefused() {
        byte[] sealed = box.seal("s", "a/b");
        sealed[sealed.length - 1] ^= 1;
        assertThatThrownBy(() -> box.open(sealed, "a/b")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> box.open(new byte[5], "a/b")).isInstanceOf(IllegalArgumentException.class);
    }
}
