package fazt.deploy.domain;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads {@code "mail": {"addresses": ["support", "sales"]}}: the local parts an app claims at each custom domain
 * mapped to it (its private {@code <app-id>@} address needs no claim). Each is an RFC 5321 dot-atom of at most 64
 * characters (ASCII letters, digits, {@code !#$%&'*+-/=?^_`{|}~} and single inner dots), compared and kept in lower
 * case, listed once; at most {@link #MAX_ADDRESSES}. {@code *} alone is refused: a domain's catch-all is an admin's
 * claim. Allowed with or without server code: without it, mail still lands in the app's mailbox.
 */
final class MailParser {
    static final int MAX_ADDRESSES = 20;
    static final int MAX_LOCAL_PART = 64;

    private static final Set<String> KEYS = Set.of("addresses");
    private static final Pattern DOT_ATOM =
            Pattern.compile("[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*");

    private MailParser() {}

    static List<String> addresses(JsonNode node) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isObject()) {
            throw new DeployException.ManifestRejected("mail", "must be an object {addresses}");
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!KEYS.contains(key)) {
                throw new DeployException.ManifestRejected("mail." + key, "unknown key (known: addresses)");
            }
        }
        JsonNode list = node.get("addresses");
        if (list == null || list.isNull()) {
            return List.of();
        }
        if (!list.isArray()) {
            throw new DeployException.ManifestRejected(
                    "mail.addresses", "must be a list of local parts, e.g. [\"support\", \"sales\"]");
        }
        if (list.size() > MAX_ADDRESSES) {
            throw new DeployException.ManifestRejected("mail.addresses", "at most " + MAX_ADDRESSES + " addresses");
        }
        List<String> addresses = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            String field = "mail.addresses[" + i + "]";
            JsonNode entry = list.get(i);
            if (!entry.isTextual()) {
                throw new DeployException.ManifestRejected(field, "must be a string");
            }
            String raw = entry.asText();
            String problem = problem(raw);
            if (problem != null) {
                throw new DeployException.ManifestRejected(field, "\"" + raw + "\" " + problem);
            }
            String address = raw.toLowerCase(Locale.ROOT);
            if (addresses.contains(address)) {
                throw new DeployException.ManifestRejected(field, "\"" + raw + "\" is listed twice");
            }
            addresses.add(address);
        }
        return addresses;
    }

    private static String problem(String localPart) {
        if (localPart.contains("@")) {
            return "must be the part before @ only, e.g. \"support\" for support@your-domain";
        }
        if (localPart.isEmpty() || localPart.length() > MAX_LOCAL_PART) {
            return "must be 1 to " + MAX_LOCAL_PART + " characters";
        }
        if (localPart.equals("*")) {
            return "is a domain's catch-all, which only an admin can claim (fazt mail addresses add)";
        }
        if (!DOT_ATOM.matcher(localPart).matches()) {
            return "is not a valid local part: letters, digits, !#$%&'*+-/=?^_`{|}~ and dots between them";
        }
        return null;
    }
}
