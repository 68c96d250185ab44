package fazt.scheduler.domain;

import java.security.SecureRandom;
import java.util.Base64;

/** Unguessable ids: 128 random bits, URL-safe, with a kind prefix ({@code r_} runs, {@code h_} hooks). */
public final class Ids {
    private static final SecureRandom RANDOM = new SecureRandom();

    private Ids() {}

    public static String run() {
        return "r_" + random();
    }

    public static String hook() {
        return "h_" + random();
    }

    private static String random() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
