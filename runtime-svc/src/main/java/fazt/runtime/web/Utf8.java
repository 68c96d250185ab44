package fazt.runtime.web;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The Encoding Standard's UTF-8 decoder in Java, for {@code TextDecoder} and body reads: far faster than a JS loop.
 * The JDK's own decoder is not used because it differs on encoded surrogates ({@code ED A0 80} gives one U+FFFD
 * there, three in the standard).
 */
final class Utf8 {
    private Utf8() {}

    /** UTF-8 bytes of a JS string; a lone surrogate becomes U+FFFD (USVString conversion), as TextEncoder does. */
    static byte[] encode(String s) {
        CharsetEncoder encoder = StandardCharsets.UTF_8
                .newEncoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE)
                .replaceWith(new byte[] {(byte) 0xEF, (byte) 0xBF, (byte) 0xBD});
        try {
            ByteBuffer out = encoder.encode(CharBuffer.wrap(s));
            byte[] bytes = new byte[out.remaining()];
            out.get(bytes);
            return bytes;
        } catch (CharacterCodingException e) {
            throw new IllegalStateException("REPLACE mode does not throw", e);
        }
    }

    /** The decoded text (a BOM is kept); with {@code fatal}, null when the bytes are not valid UTF-8. */
    static String decode(byte[] bytes, boolean fatal) {
        char[] out = new char[bytes.length];
        int o = 0;
        int needed = 0, seen = 0, codePoint = 0, lower = 0x80, upper = 0xBF;
        for (int i = 0; i < bytes.length; i++) {
            int b = bytes[i] & 0xFF;
            if (needed == 0) {
                if (b <= 0x7F) {
                    out[o++] = (char) b;
                    continue;
                }
                if (b >= 0xC2 && b <= 0xDF) {
                    needed = 1;
                    codePoint = b & 0x1F;
                } else if (b >= 0xE0 && b <= 0xEF) {
                    lower = b == 0xE0 ? 0xA0 : 0x80;
                    upper = b == 0xED ? 0x9F : 0xBF;
                    needed = 2;
                    codePoint = b & 0xF;
                } else if (b >= 0xF0 && b <= 0xF4) {
                    lower = b == 0xF0 ? 0x90 : 0x80;
                    upper = b == 0xF4 ? 0x8F : 0xBF;
                    needed = 3;
                    codePoint = b & 0x7;
                } else {
                    if (fatal) {
                        return null;
                    }
                    out[o++] = '\uFFFD';
                }
                continue;
            }
            if (b < lower || b > upper) {
                if (fatal) {
                    return null;
                }
                needed = seen = codePoint = 0;
                lower = 0x80;
                upper = 0xBF;
                out[o++] = '\uFFFD';
                i--; // the byte starts over
                continue;
            }
            lower = 0x80;
            upper = 0xBF;
            codePoint = (codePoint << 6) | (b & 0x3F);
            if (++seen == needed) {
                if (codePoint > 0xFFFF) {
                    // a 4-byte sequence (4 input bytes) yields two chars: out never outgrows the input
                    out[o++] = Character.highSurrogate(codePoint);
                    out[o++] = Character.lowSurrogate(codePoint);
                } else {
                    out[o++] = (char) codePoint;
                }
                needed = seen = codePoint = 0;
            }
        }
        if (needed != 0) {
            if (fatal) {
                return null;
            }
            out[o++] = '\uFFFD';
        }
        return new String(out, 0, o);
    }
}
