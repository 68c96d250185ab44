package fazt.mail.inbound;

import fazt.proto.mail.AuthResults;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.james.jdkim.DKIMVerifier;
import org.apache.james.jdkim.api.Result;
import org.apache.james.jdkim.exceptions.FailException;
import org.apache.james.jdkim.impl.DNSPublicKeyRecordRetriever;
import org.apache.james.jspf.impl.DNSServiceXBillImpl;
import org.apache.james.jspf.impl.SPF;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How a received message authenticates (ADR 30): SPF of the envelope sender (or the HELO name for a null sender) and
 * the client address with Apache jSPF, its DKIM signatures with Apache jDKIM, DMARC of the header From with
 * {@link Dmarc}. A DNS failure is a {@code temperror}, never a refusal: the results are recorded, not enforced.
 */
public final class MailAuthenticator {
    private static final Logger log = LoggerFactory.getLogger(MailAuthenticator.class);

    private final Dns dns;
    private final Dmarc dmarc;

    public MailAuthenticator(Dns dns) {
        this.dns = dns;
        this.dmarc = new Dmarc(dns);
    }

    public AuthResults check(String clientIp, String helo, String mailFrom, String fromAddress, byte[] raw) {
        String spfDomain = mailFrom == null || mailFrom.isBlank() ? helo : domainOf(mailFrom);
        String spf = spf(clientIp, helo, mailFrom);
        List<String> dkimPass = new ArrayList<>();
        String dkim = dkim(raw, dkimPass);
        String fromDomain = fromAddress == null ? null : domainOf(fromAddress);
        Dmarc.Outcome outcome = dmarc.evaluate(fromDomain, spf, spfDomain, dkimPass);
        String dkimDomain = dkimPass.stream()
                .filter(d -> fromDomain != null && Dmarc.aligned(fromDomain.toLowerCase(Locale.ROOT), d, false))
                .findFirst()
                .orElse(dkimPass.isEmpty() ? null : dkimPass.getFirst());
        return new AuthResults(spf, dkim, dkimDomain, outcome.result(), outcome.policy());
    }

    private String spf(String clientIp, String helo, String mailFrom) {
        if (clientIp == null) {
            return "none";
        }
        try {
            DNSServiceXBillImpl service = new TxtOnlyDnsService(dns.resolver());
            service.setTimeOut((int) Dns.TIMEOUT.toSeconds());
            SPF spf = new SPF(service);
            spf.setTimeOut((int) Dns.TIMEOUT.toSeconds());
            String sender = mailFrom == null || mailFrom.isBlank() ? "" : mailFrom;
            String result = spf.checkSPF(clientIp, sender, helo == null ? "unknown" : helo)
                    .getResult();
            return normalise(result);
        } catch (RuntimeException e) {
            log.debug("spf check failed", e);
            return "temperror";
        }
    }

    private String dkim(byte[] raw, List<String> passed) {
        DKIMVerifier verifier = new DKIMVerifier(new DNSPublicKeyRecordRetriever(dns.resolver()));
        try {
            verifier.verify(new ByteArrayInputStream(raw));
        } catch (FailException e) {
            // per-signature outcomes are in the results
        } catch (Exception e) {
            log.debug("dkim check failed", e);
            return "temperror";
        }
        List<Result> results = verifier.getResults();
        if (results == null || results.isEmpty()) {
            return "none";
        }
        boolean temp = false;
        boolean fail = false;
        for (Result r : results) {
            switch (r.getResultType()) {
                case PASS -> passed.add(r.getRecord().getDToken().toString().toLowerCase(Locale.ROOT));
                case TEMPERROR -> temp = true;
                case FAIL -> fail = true;
                default -> {}
            }
        }
        if (!passed.isEmpty()) {
            return "pass";
        }
        return temp ? "temperror" : fail ? "fail" : "permerror";
    }

    private static String normalise(String result) {
        String r = result == null ? "none" : result.toLowerCase(Locale.ROOT);
        return switch (r) {
            case "pass", "fail", "softfail", "neutral", "none", "temperror", "permerror" -> r;
            case "error" -> "temperror";
            default -> "neutral";
        };
    }

    private static String domainOf(String address) {
        int at = address.lastIndexOf('@');
        return at < 0 ? null : address.substring(at + 1).toLowerCase(Locale.ROOT);
    }
}
