package fazt.mail.outbound;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.util.Locale;

/** Parses one mail address strictly (RFC 822 syntax, no group, no CR/LF, at most 254 characters, a domain). */
final class Addresses {
    static final int MAX_LENGTH = 254;

    private Addresses() {}

    /** {@code text} as one address ({@code Name <a@b>} or {@code a@b}); throws {@link OutboundException.InvalidMessage}. */
    static InternetAddress parse(String field, String text) {
        if (text == null || text.isBlank()) {
            throw new OutboundException.InvalidMessage(field, field + " needs an address.");
        }
        if (text.length() > 998 || text.indexOf('\r') >= 0 || text.indexOf('\n') >= 0 || text.indexOf('\0') >= 0) {
            throw new OutboundException.InvalidMessage(field, field + " is not one mail address.");
        }
        InternetAddress address;
        try {
            address = new InternetAddress(text, true);
            address.validate();
        } catch (AddressException e) {
            throw new OutboundException.InvalidMessage(field, field + " is not a mail address: " + text);
        }
        String bare = address.getAddress();
        int at = bare.lastIndexOf('@');
        if (address.isGroup() || at <= 0 || at == bare.length() - 1 || bare.length() > MAX_LENGTH) {
            throw new OutboundException.InvalidMessage(field, field + " is not a mail address: " + text);
        }
        return address;
    }

    /** The lower-case domain of a bare address. */
    static String domainOf(String bare) {
        return bare.substring(bare.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
    }

    /** The local part of a bare address. */
    static String localPartOf(String bare) {
        return bare.substring(0, bare.lastIndexOf('@'));
    }
}
