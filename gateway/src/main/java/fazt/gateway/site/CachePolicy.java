package fazt.gateway.site;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The {@code Cache-Control} of a static file, by what kind of file it is:
 * <ul>
 * <li>pages (HTML) and error pages: {@value #REVALIDATE}. A page names the assets of its deployment, so a browser must
 * ask every time; with the ETag that costs a 304 when nothing changed.</li>
 * <li>fingerprinted assets ({@code app.3f9a2c1b.js}, {@code index-BdK3x9Zq.css}, anything under the build output
 * folders that SvelteKit and Next.js fingerprint as a whole): {@value #IMMUTABLE}. A new build gives them a new name,
 * so the old name's bytes never change.</li>
 * <li>everything else (images, fonts, {@code robots.txt} under stable names): {@value #SHORT}. Such a file may
 * change on the next deploy under the same name, and no page reference changes with it, so a long lifetime would
 * show stale content for that long. Five minutes bounds the staleness after a deploy while sparing a round trip on
 * every navigation; after it, revalidation is a cheap 304.</li>
 * </ul>
 * A {@code Cache-Control} in the app's manifest headers replaces this choice.
 */
final class CachePolicy {
    static final String REVALIDATE = "no-cache";
    static final String IMMUTABLE = "public, max-age=31536000, immutable";
    static final String SHORT = "public, max-age=300";

    // Content hashes as bundlers write them: hex (webpack, Parcel, Hugo, Angular < 17), base64url (Rollup and Vite,
    // 8 characters) and RFC 4648 base32 (esbuild and Angular 17+, upper case).
    private static final Pattern HEX = Pattern.compile("[0-9a-f]{8,64}|[0-9A-F]{8,64}");
    private static final Pattern BASE64URL = Pattern.compile("[A-Za-z0-9_-]{8,32}");
    private static final Pattern BASE32 = Pattern.compile("[A-Z2-7]{8,32}");
    private static final Pattern LONG_DIGIT_RUN = Pattern.compile("[0-9]{5,}");
    /** Webpack's default asset name is the bare hash; a whole name needs this many hex digits to count as one. */
    private static final int BARE_HASH_MIN = 16;

    private static final int ROLLUP_HASH_LENGTH = 8;
    private static final String[] FINGERPRINTED_FOLDERS = {"/_app/immutable/", "/_next/static/"};

    private CachePolicy() {}

    static String cacheControl(String path, String contentType, boolean errorPage) {
        if (errorPage || MediaTypes.isHtml(contentType)) {
            return REVALIDATE;
        }
        return fingerprinted(path) ? IMMUTABLE : SHORT;
    }

    /**
     * Whether the file's name carries a content hash: a part of at least 8 hex, base64url or base32 characters that
     * mixes letters and digits, following a {@code .} or {@code -} in the name before the extension. The rules keep
     * out names people choose: a hash follows a name part (so {@code DSC01234.jpg} and {@code IMG_1234.jpg} are not
     * hashes), a base64url hash has both cases (so {@code photo2024}, {@code IMG_1234}), a long run of digits is a
     * date or a counter ({@code IMG_20240115_123456}). A miss only costs the short lifetime; a false hit would pin a
     * changed file in browsers for a year.
     */
    static boolean fingerprinted(String path) {
        for (String folder : FINGERPRINTED_FOLDERS) {
            if (path.contains(folder)) {
                return true;
            }
        }
        String name = path.substring(path.lastIndexOf('/') + 1);
        int extension = name.lastIndexOf('.');
        String stem = extension > 0 ? name.substring(0, extension) : name;
        if (stem.length() >= BARE_HASH_MIN && HEX.matcher(stem).matches() && mixesLettersAndDigits(stem)) {
            return true;
        }
        // Every part that follows a separator, up to the next one: "a.b-c.min" gives "b", "c" and "min". Rollup's
        // base64url hashes (8 characters) may themselves hold a '-', so an 8-character part running past a dash up to
        // the next dot is tried as well: "index-C-ZJN4mb".
        for (int i = 1; i < stem.length(); i++) {
            char c = stem.charAt(i);
            if (c != '.' && c != '-') {
                continue;
            }
            int dot = stem.indexOf('.', i + 1);
            int toDot = dot < 0 ? stem.length() : dot;
            int toSeparator = toDot;
            int dash = stem.indexOf('-', i + 1);
            if (dash >= 0 && dash < toSeparator) {
                toSeparator = dash;
            }
            if (looksLikeHash(stem.substring(i + 1, toSeparator))
                    || (toDot - i - 1 == ROLLUP_HASH_LENGTH && looksLikeHash(stem.substring(i + 1, toDot)))) {
                return true;
            }
        }
        return false;
    }

    private static boolean looksLikeHash(String part) {
        if (!mixesLettersAndDigits(part)) {
            return false;
        }
        if (HEX.matcher(part).matches() || BASE32.matcher(part).matches()) {
            return true;
        }
        return BASE64URL.matcher(part).matches()
                && hasBothCases(part)
                && !LONG_DIGIT_RUN.matcher(part).find();
    }

    private static boolean mixesLettersAndDigits(String part) {
        boolean letter = false;
        boolean digit = false;
        for (int i = 0; i < part.length(); i++) {
            char c = part.charAt(i);
            letter |= (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
            digit |= c >= '0' && c <= '9';
        }
        return letter && digit;
    }

    private static boolean hasBothCases(String part) {
        return !part.equals(part.toLowerCase(Locale.ROOT)) && !part.equals(part.toUpperCase(Locale.ROOT));
    }
}
