package fazt.deploy.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class EnvCipherTest {
    private static final String MASTER = "m".repeat(40);
    private final EnvCipher cipher = new EnvCipher(MASTER);
    private final AppId app = new AppId("a_aaaaaaaaaaaa");
    private final EnvName name = new EnvName("API_KEY");

    @Test
    void sealedValuesOpenAndNeverHoldThePlaintext() {
        EnvCipher.Sealed sealed = cipher.seal(app, name, "sk_live_ünïcode");
        assertThat(sealed.keyVersion()).isEqualTo(EnvCipher.CURRENT_VERSION);
        assertThat(sealed.nonce()).hasSize(12);
        assertThat(new String(sealed.ciphertext(), StandardCharsets.ISO_8859_1)).doesNotContain("sk_live");
        assertThat(cipher.open(app, "API_KEY", sealed)).isEqualTo("sk_live_ünïcode");
        assertThat(cipher.open(app, "API_KEY", cipher.seal(app, name, ""))).isEmpty();
    }

    @Test
    void everySealUsesAFreshNonce() {
        EnvCipher.Sealed a = cipher.seal(app, name, "same");
        EnvCipher.Sealed b = cipher.seal(app, name, "same");
        assertThat(a.nonce()).isNotEqualTo(b.nonce());
        assertThat(a.ciphertext()).isNotEqualTo(b.ciphertext());
    }

    @Test
    void aValueMovedToAnotherAppOrNameOrOpenedWithAnotherKeyFails() {
        EnvCipher.Sealed sealed = cipher.seal(app, name, "secret");
        assertThatThrownBy(() -> cipher.open(new AppId("a_bbbbbbbbbbbb"), "API_KEY", sealed))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageNotContaining("secret\"");
        assertThatThrownBy(() -> cipher.open(app, "OTHER", sealed)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new EnvCipher("n".repeat(40)).open(app, "API_KEY", sealed))
                .isInstanceOf(IllegalStateException.class);
        byte[] tampered = sealed.ciphertext().clone();
        tampered[0] ^= 1;
        assertThatThrownBy(() -> cipher.open(app, "API_KEY", new EnvCipher.Sealed(1, sealed.nonce(), tampered)))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(
                        () -> cipher.open(app, "API_KEY", new EnvCipher.Sealed(2, sealed.nonce(), sealed.ciphertext())))
                .hasMessageContaining("unknown key version 2");
    }
}
