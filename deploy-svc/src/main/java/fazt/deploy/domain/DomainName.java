package fazt.deploy.domain;

import java.net.IDN;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A custom domain as it may be mapped to an app (docs/adr/0027-custom-domains.md): {@code ascii} is the lower-case
 * ASCII (punycode) form, {@code *.example.com} for a wildcard; {@code unicode} the form shown to people. Rules: at
 * most 253 characters and 63 per label, letters, digits and inner hyphens only (after IDNA), at least two labels, no
 * IP literal, not {@code localhost} nor under it, not the base domain nor under it, and a {@code *} only as the whole
 * first label.
 */
public record DomainName(String ascii, String unicode, boolean wildcard) {
    /** Longest text accepted before any conversion: a Unicode name is longer than its punycode only so much. */
    public static final int MAX_INPUT_CHARS = 1024;

    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
    private static final Pattern NUMERIC = Pattern.compile("[0-9]+");

    /** The name without its {@code *.}: the apex of a wildcard, the name itself otherwise. */
    public String parent() {
        return wildcard ? ascii.substring(2) : ascii;
    }

    /** Parses {@code text}; {@code baseDomain} is the install's own domain (FAZT_DOMAIN), which cannot be mapped. */
    public static DomainName parse(String text, String baseDomain) {
        if (text == null || text.isBlank()) {
            throw invalid(text, "give a domain such as shop.example.com");
        }
        if (text.length() > MAX_INPUT_CHARS) {
            throw invalid(text.substring(0, 40) + "…", "it is longer than 253 characters");
        }
        String name = text.strip();
        if (name.endsWith(".")) {
            name = name.substring(0, name.length() - 1);
        }
        if (name.contains(":") || name.startsWith("[")) {
            throw invalid(text, "give the bare domain name, without scheme, port or IP address");
        }
        boolean wildcard = name.startsWith("*.");
        String rest = wildcard ? name.substring(2) : name;
        if (rest.contains("*")) {
            throw invalid(text, "a wildcard is only allowed as the whole first label, as in *.example.com");
        }
        String ascii;
        try {
            ascii = IDN.toASCII(rest, IDN.USE_STD3_ASCII_RULES).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            throw invalid(
                    text,
                    "it is not a valid domain name (letters, digits and hyphens, labels of at most 63 "
                            + "characters)");
        }
        String[] labels = ascii.split("\\.", -1);
        for (String label : labels) {
            if (label.length() > 63) {
                throw invalid(text, "a label is longer than 63 characters");
            }
            if (!LABEL.matcher(label).matches()) {
                throw invalid(
                        text, "it is not a valid domain name (letters, digits and inner hyphens; no empty label)");
            }
        }
        String full = wildcard ? "*." + ascii : ascii;
        if (full.length() > 253) {
            throw invalid(text, "it is longer than 253 characters");
        }
        if (labels.length < 2) {
            throw invalid(
                    text,
                    "a single-label name cannot be reached from the internet; use a full domain such as "
                            + "shop.example.com");
        }
        if (NUMERIC.matcher(labels[labels.length - 1]).matches()) {
            throw invalid(text, "an IP address cannot be mapped; use a domain name");
        }
        if (ascii.equals("localhost") || ascii.endsWith(".localhost")) {
            throw invalid(text, "localhost names cannot be mapped");
        }
        String base = baseDomain == null ? "" : baseDomain.toLowerCase(Locale.ROOT);
        if (!base.isEmpty()) {
            if (ascii.equals(base) || ascii.endsWith("." + base)) {
                throw invalid(
                        text,
                        "it is this install's own domain " + base + " or under it; apps are served at " + "<app>."
                                + base + " already");
            }
            int dot = base.indexOf('.');
            if (wildcard && dot > 0 && ascii.equals(base.substring(dot + 1))) {
                throw invalid(text, "the wildcard would cover this install's own domain " + base);
            }
        }
        return new DomainName(full, wildcard ? "*." + IDN.toUnicode(ascii) : IDN.toUnicode(ascii), wildcard);
    }

    private static DeployException.InvalidDomain invalid(String text, String reason) {
        return new DeployException.InvalidDomain(text == null ? "" : text, reason);
    }
}
