package fazt.auth.domain.appauth;

import java.util.List;
import java.util.Locale;

/**
 * Who may log in to an app through its providers: everyone when both lists are empty, else the listed email
 * addresses and the addresses under the listed domains (compared ignoring case).
 */
public record AppAccess(List<String> emails, List<String> domains) {
    public static final AppAccess EVERYONE = new AppAccess(List.of(), List.of());

    public AppAccess {
        emails = emails.stream().map(e -> e.toLowerCase(Locale.ROOT)).toList();
        domains = domains.stream().map(d -> d.toLowerCase(Locale.ROOT)).toList();
    }

    /** Whether a user with this (verified) email may log in. */
    public boolean admits(String email) {
        if (emails.isEmpty() && domains.isEmpty()) {
            return true;
        }
        if (email == null) {
            return false;
        }
        String e = email.toLowerCase(Locale.ROOT);
        int at = e.lastIndexOf('@');
        return emails.contains(e) || (at > 0 && domains.contains(e.substring(at + 1)));
    }
}
