package fazt.runtime.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class Utf8Test {
    /** hex bytes | expected code points (hex), per the Encoding Standard's maximal-subpart replacement. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "41 C3 A9 E2 82 AC F0 9F 98 80 | 41 e9 20ac 1f600",
                "F0 90 80 62 | fffd 62",
                "C0 AF | fffd fffd",
                "ED A0 80 | fffd fffd fffd",
                "E2 82 41 | fffd 41",
                "F4 90 80 80 | fffd fffd fffd fffd",
                "FF | fffd",
                "E0 80 | fffd fffd",
                "E2 82 | fffd",
                "EF BB BF 41 | feff 41",
            })
    void replacesLikeTheEncodingStandard(String hex, String expected) {
        String[] parts = hex.split(" ");
        byte[] bytes = new byte[parts.length];
        for (int i = 0; i < parts.length; i++) {
            bytes[i] = (byte) Integer.parseInt(parts[i], 16);
        }
        StringBuilder out = new StringBuilder();
        Utf8.decode(bytes, false).codePoints().forEach(c -> out.append(out.isEmpty() ? "" : " ")
                .append(Integer.toHexString(c)));
        assertThat(out.toString()).isEqualTo(expected);
        assertThat(Utf8.decode(bytes, true) == null).isEqualTo(expected.contains("fffd"));
    }

    @Test
    void encodesLoneSurrogatesAsReplacementCharacters() {
        assertThat(Utf8.encode("a\uD800b\uDC00")).containsExactly(0x61, 0xEF, 0xBF, 0xBD, 0x62, 0xEF, 0xBF, 0xBD);
        assertThat(Utf8.encode("\uD83D\uDE00")).containsExactly(0xF0, 0x9F, 0x98, 0x80);
    }

    @ParameterizedTest
    @CsvSource({"plain ascii", "h\u00e9llo w\u00f6rld \u20ac \uD83D\uDE00"})
    void decodesValidText(String text) {
        assertThat(Utf8.decode(text.getBytes(StandardCharsets.UTF_8), true)).isEqualTo(text);
    }
}
