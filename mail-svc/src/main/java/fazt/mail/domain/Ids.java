package fazt.mail.domain;

import java.security.SecureRandom;
import java.util.Base64;

/** Unguessable ids: {@code g_} a stored message's bytes, {@code m_} a message in a mailbox, {@code e_} an event. */
public final class Ids {
    private static final SecureRandom RANDOM = new SecureRandom();

    private Ids() {}

    public static String message() {
        return "g_" + random();
    }

    public static String entry() {
        return "m_" + random();
    }

    public static String event() {
        return "e_" + random();
    }

    private static String random() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
