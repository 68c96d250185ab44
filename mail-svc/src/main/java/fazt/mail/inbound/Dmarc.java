package fazt.mail.inbound;

import com.google.common.net.InternetDomainName;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * DMARC (RFC 7489) on top of the SPF and DKIM results, the one part of mail authentication without a maintained Java
 * library (ADR 30): the policy record at {@code _dmarc.<From domain>} (else at its organisational domain, whose
 * {@code sp=} then applies), and identifier alignment, relaxed or strict as {@code aspf}/{@code adkim} say. The
 * organisational domain comes from Guava's copy of the public suffix list.
 */
public final class Dmarc {
    /** The outcome: {@code result} (pass, fail, none, temperror, permerror) and the published policy, or null. */
    public record Outcome(String result, String policy) {}

    private final Dns dns;

    public Dmarc(Dns dns) {
        this.dns = dns;
    }

    /**
     * Evaluates the header From domain {@code fromDomain} given SPF's result for {@code spfDomain} (the envelope
     * sender's domain, or the HELO name for a null sender) and the domains of the DKIM signatures that passed.
     */
    public Outcome evaluate(String fromDomain, String spf, String spfDomain, List<String> dkimPassDomains) {
        if (fromDomain == null) {
            return new Outcome("none", null);
        }
        String from = fromDomain.toLowerCase(Locale.ROOT);
        Map<String, String> tags;
        boolean orgRecord = false;
        try {
            tags = record(from);
            String org = organisational(from);
            if (tags == null && !org.equals(from)) {
                tags = record(org);
                orgRecord = true;
            }
        } catch (Dns.DnsFailure e) {
            return new Outcome("temperror", null);
        }
        if (tags == null) {
            return new Outcome("none", null);
        }
        String policy = policy(tags.get(orgRecord && tags.containsKey("sp") ? "sp" : "p"));
        if (policy == null) {
            return new Outcome("permerror", null);
        }
        boolean strictSpf = "s".equals(tags.get("aspf"));
        boolean strictDkim = "s".equals(tags.get("adkim"));
        boolean spfAligned = "pass".equals(spf) && spfDomain != null && aligned(from, spfDomain, strictSpf);
        boolean dkimAligned = dkimPassDomains.stream().anyMatch(d -> aligned(from, d, strictDkim));
        return new Outcome(spfAligned || dkimAligned ? "pass" : "fail", policy);
    }

    /** Whether {@code other} is aligned with the From domain: equal (strict), or the same organisational domain. */
    static boolean aligned(String from, String other, boolean strict) {
        String o = other.toLowerCase(Locale.ROOT);
        if (o.endsWith(".")) {
            o = o.substring(0, o.length() - 1);
        }
        return strict ? from.equals(o) : organisational(from).equals(organisational(o));
    }

    /**
     * The organisational domain: the registrable domain under a public suffix ({@code mail.example.co.uk} →
     * {@code example.co.uk}); a name Guava cannot place (a single label, an unknown suffix) stands for itself.
     */
    static String organisational(String domain) {
        try {
            InternetDomainName name = InternetDomainName.from(domain);
            return name.isUnderPublicSuffix() ? name.topPrivateDomain().toString() : domain;
        } catch (IllegalArgumentException | IllegalStateException e) {
            return domain;
        }
    }

    private Map<String, String> record(String domain) throws Dns.DnsFailure {
        List<String> found = dns.txt("_dmarc." + domain).stream()
                .filter(t -> t.strip().toLowerCase(Locale.ROOT).startsWith("v=dmarc1"))
                .toList();
        if (found.size() != 1) {
            return null; // none, or several: RFC 7489 6.6.3 says to apply no policy
        }
        return tags(found.getFirst());
    }

    static Map<String, String> tags(String record) {
        Map<String, String> tags = new HashMap<>();
        for (String pair : record.split(";")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                tags.put(
                        pair.substring(0, eq).strip().toLowerCase(Locale.ROOT),
                        pair.substring(eq + 1).strip().toLowerCase(Locale.ROOT));
            }
        }
        return tags;
    }

    private static String policy(String p) {
        return p != null && (p.equals("none") || p.equals("quarantine") || p.equals("reject")) ? p : null;
    }
}
