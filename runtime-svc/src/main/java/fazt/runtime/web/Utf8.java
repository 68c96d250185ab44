package fazt.runtime.web;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * UTF-8 decoding for {@code TextDecoder} and body reads, in the JDK: its decoder substitutes U+FFFD for maximal
 * subparts of ill-formed sequences as the Encoding Standard does, and runs far faster than a JS loop.
 */
final class Utf8 {
    private Utf8() {}

    /** The decoded text; with {@code fatal}, null when the bytes are not valid UTF-8. */
    static String decode(byte[] bytes, boolean fatal) {
        if (!fatal) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
