package fazt.deploy.domain;

import java.security.SecureRandom;

/** The stable identity of an app: {@code a_} and 12 random base32 characters; never reused, survives renames. */
public record AppId(String value) {
    private static final String ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    public static AppId generate() {
        StringBuilder id = new StringBuilder("a_");
        for (int i = 0; i < 12; i++) {
            id.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return new AppId(id.toString());
    }

    /** A fresh storage namespace for one version of this app; random, so a failed deploy never collides. */
    public String newNamespace() {
        StringBuilder suffix = new StringBuilder();
        for (int i = 0; i < 10; i++) {
            suffix.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return "site/" + value + "/" + suffix;
    }

    @Override
    public String toString() {
        return value;
    }
}
