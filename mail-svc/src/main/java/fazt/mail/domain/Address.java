package fazt.mail.domain;

import java.net.IDN;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A mail address split and normalised for matching: the local part in lower case (fazt's addresses are case
 * insensitive), the domain in lower-case ASCII (punycode). {@code *} as the local part is a domain's catch-all.
 */
public record Address(String local, String domain) {
    public static final int MAX_LENGTH = 254;
    private static final Pattern DOT_ATOM =
            Pattern.compile("[a-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*");
    /** One or more labels: a single label is a valid RFC 5321 domain, and {@code localhost} is fazt's default. */
    private static final Pattern HOST =
            Pattern.compile("([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)*[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");

    /** The address of {@code text} ({@code local@domain}, angle brackets allowed), or empty when it is not one. */
    public static Optional<Address> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String s = text.strip();
        if (s.startsWith("<") && s.endsWith(">")) {
            s = s.substring(1, s.length() - 1);
        }
        int at = s.lastIndexOf('@');
        if (s.isEmpty() || s.length() > MAX_LENGTH || at < 1 || at == s.length() - 1) {
            return Optional.empty();
        }
        String local = s.substring(0, at).toLowerCase(Locale.ROOT);
        String domain;
        try {
            domain = IDN.toASCII(s.substring(at + 1), IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (domain.endsWith(".")) {
            domain = domain.substring(0, domain.length() - 1);
        }
        if (local.length() > 64 || !HOST.matcher(domain).matches()) {
            return Optional.empty();
        }
        if (!local.equals("*") && !DOT_ATOM.matcher(local).matches()) {
            return Optional.empty();
        }
        return Optional.of(new Address(local, domain));
    }

    public boolean catchAll() {
        return local.equals("*");
    }

    @Override
    public String toString() {
        return local + "@" + domain;
    }
}
