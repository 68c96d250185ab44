package fazt.proto.mail;

import java.util.List;

/**
 * {@code GET /api/mail/domains/{domain}/dns}: the records that make {@code domain} receive mail here and send mail
 * that passes SPF, DKIM and DMARC: MX, SPF, the DKIM key of {@code selector} (generated on first use, RSA 2048) and
 * DMARC.
 */
public record DnsRecords(String domain, String selector, List<DnsRecord> records) {}
