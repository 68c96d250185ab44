package fazt.storage.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class DigestTest {
    @Test
    void isTheLowerCaseHexOfASha256() throws Exception {
        byte[] sha = MessageDigest.getInstance("SHA-256").digest("abc".getBytes(StandardCharsets.UTF_8));
        assertThat(Digest.ofBytes(sha).hex())
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(
            strings = {
                "BA7816BF8F01CFEA414140DE5DAE2223B00361A396177A9CB410FF61F20015AD",
                "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015a",
                "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015add",
                "zz7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
                "../../etc/passwd"
            })
    void refusesAnythingElseNamingTheField(String value) {
        assertThatThrownBy(() -> Digest.of("files[2].digest", value))
                .isInstanceOf(StorageException.InvalidInput.class)
                .hasMessageStartingWith("files[2].digest ");
    }
}
