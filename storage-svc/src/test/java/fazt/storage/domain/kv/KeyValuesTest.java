package fazt.storage.domain.kv;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class KeyValuesTest {
    private static boolean json(String text) {
        return KeyValues.isJson(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aJsonValueIsExactlyOneJsonText() {
        assertThat(json("{\"a\": [1, 2, {\"b\": null}]}")).isTrue();
        assertThat(json("\"text\"")).isTrue();
        assertThat(json("42")).isTrue();
        assertThat(json("")).isFalse();
        assertThat(json("{\"a\": 1")).isFalse();
        assertThat(json("1 2")).isFalse();
        assertThat(json("hello")).isFalse();
    }
}
