package fazt.platform.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class KeyEnvelopeTest {
    static final byte[] KEY = "k3y-material-0123456789abcdefghijklmnopqrstuv".getBytes(StandardCharsets.UTF_8);
    static final char[] PASSPHRASE = "correct horse battery".toCharArray();

    @Test
    void theRightPassphraseOpensWhatWasSealed() throws Exception {
        byte[] envelope = KeyEnvelope.seal(KEY, PASSPHRASE);
        assertThat(new String(envelope, StandardCharsets.UTF_8))
                .contains("PBKDF2-HMAC-SHA256")
                .contains("\"iterations\":600000")
                .doesNotContain("k3y-material");
        assertThat(KeyEnvelope.open(envelope, PASSPHRASE)).isEqualTo(KEY);
    }

    @Test
    void aWrongPassphraseOrAChangedByteIsRefused() {
        byte[] envelope = KeyEnvelope.seal(KEY, PASSPHRASE);
        assertThatThrownBy(() -> KeyEnvelope.open(envelope, "correct horse battery!".toCharArray()))
                .isInstanceOf(KeyEnvelope.WrongPassphrase.class);
        String json = new String(envelope, StandardCharsets.UTF_8);
        int at = json.indexOf("\"sealed\":\"") + 12;
        char flipped = json.charAt(at) == 'A' ? 'B' : 'A';
        byte[] changed = (json.substring(0, at) + flipped + json.substring(at + 1)).getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> KeyEnvelope.open(changed, PASSPHRASE)).isInstanceOf(KeyEnvelope.WrongPassphrase.class);
    }

    @Test
    void twoSealsOfOneKeyDifferAndAShortPassphraseIsRefused() {
        assertThat(KeyEnvelope.seal(KEY, PASSPHRASE)).isNotEqualTo(KeyEnvelope.seal(KEY, PASSPHRASE));
        assertThatThrownBy(() -> KeyEnvelope.seal(KEY, "too short".toCharArray()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 12 characters");
    }

    @Test
    void somethingElseIsNotAnEnvelope() {
        assertThatThrownBy(() -> KeyEnvelope.open("{\"format\":2}".getBytes(StandardCharsets.UTF_8), PASSPHRASE))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> KeyEnvelope.open("not json".getBytes(StandardCharsets.UTF_8), PASSPHRASE))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
