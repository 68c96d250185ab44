package fazt.mail.outbound;

import fazt.proto.mail.DnsRecord;
import fazt.proto.mail.DnsRecords;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The DNS records that make a local domain receive mail here and send mail that passes SPF, DKIM and DMARC
 * ({@code GET /mail/domains/{domain}/dns}): MX to {@code FAZT_SMTP_HOSTNAME}, SPF allowing that host and, honestly,
 * the relay that actually sends (its host when one is set), the domain's DKIM key (generated on first use) and a
 * monitoring DMARC policy. Unknown domains are 404 {@code mail/unknown-domain}.
 */
public final class MailDns {
    private final DkimKeys dkim;
    private final AppDirectory apps;
    private final Relays relays;
    private final OutboundConfig config;

    public MailDns(DkimKeys dkim, AppDirectory apps, Relays relays, OutboundConfig config) {
        this.dkim = dkim;
        this.apps = apps;
        this.relays = relays;
        this.config = config;
    }

    public DnsRecords records(String domain) {
        String d = domain == null ? "" : domain.strip().toLowerCase(Locale.ROOT);
        if (d.endsWith(".")) {
            d = d.substring(0, d.length() - 1);
        }
        if (d.isEmpty() || d.startsWith("*") || (!d.equals(config.mailDomain()) && !isCustom(d))) {
            throw new OutboundException.UnknownDomain(domain);
        }
        DkimKeys.DkimKey key = dkim.keyFor(d);
        String host = config.smtpHostname();
        Optional<String> relayHost = relays.current().map(Relays.Relay::host);
        List<DnsRecord> records = new ArrayList<>();
        records.add(new DnsRecord("MX", d, "10 " + host + ".", "Mail for " + d + " is delivered to this server."));
        String spf = "v=spf1 a:" + host + relayHost.map(r -> " a:" + r).orElse("") + " ~all";
        records.add(new DnsRecord(
                "TXT",
                d,
                spf,
                relayHost.isPresent()
                        ? "SPF: outbound mail leaves through the relay " + relayHost.get()
                                + "; if your relay provider documents an include: (e.g. include:_spf.provider.example),"
                                + " use it instead of a:" + relayHost.get() + "."
                        : "SPF: no relay is set yet; add the relay's SPF (its include: or a:) once you set one."));
        records.add(new DnsRecord(
                "TXT",
                key.selector() + "._domainkey." + d,
                key.txtValue(),
                "DKIM: the public key mail from " + d + " is signed with (selector " + key.selector() + ")."));
        records.add(new DnsRecord(
                "TXT",
                "_dmarc." + d,
                "v=DMARC1; p=none; rua=mailto:postmaster@" + d,
                "DMARC: report only (p=none) to postmaster@" + d + "; raise to quarantine once reports look right."));
        return new DnsRecords(d, key.selector(), List.copyOf(records));
    }

    private boolean isCustom(String domain) {
        return apps.customDomains().stream().anyMatch(m -> m.domain().equals(domain));
    }
}
