package fazt.platform.service.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class MasterKeyCipherTest {
    private static final byte[] AAD = "a_1\0x".getBytes(StandardCharsets.UTF_8);

    @Test
    void hkdfMatchesRfc5869TestCase3() {
        byte[] ikm = new byte[22];
        Arrays.fill(ikm, (byte) 0x0b);
        assertThat(HexFormat.of().formatHex(MasterKeyCipher.hkdfSha256(ikm, new byte[0], new byte[0], 42)))
                .isEqualTo("8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d9d201395faa4b61a96c8");
    }

    @Test
    void eachPurposeHasItsOwnKeyAndTheAssociatedDataMustMatch() {
        MasterKeyCipher env = new MasterKeyCipher("m".repeat(40), "fazt/test/a/v1");
        MasterKeyCipher hooks = new MasterKeyCipher("m".repeat(40), "fazt/test/b/v1");
        MasterKeyCipher.Sealed sealed = env.seal(AAD, "secret".getBytes(StandardCharsets.UTF_8));
        assertThat(new String(env.open(AAD, sealed), StandardCharsets.UTF_8)).isEqualTo("secret");
        assertThatThrownBy(() -> hooks.open(AAD, sealed)).isInstanceOf(MasterKeyCipher.UnsealFailed.class);
        assertThatThrownBy(() -> env.open("a_2\0x".getBytes(StandardCharsets.UTF_8), sealed))
                .isInstanceOf(MasterKeyCipher.UnsealFailed.class);
    }
}
