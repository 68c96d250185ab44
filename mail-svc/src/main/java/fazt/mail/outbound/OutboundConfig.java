package fazt.mail.outbound;

import java.time.Duration;

/**
 * How sending behaves: the mail domain (apps' private addresses {@code <appId>@<mailDomain>}), the SMTP host name
 * (MX and SPF records), the largest message, the per-app hourly limit and the retry schedule (ADR 30).
 */
public record OutboundConfig(
        String mailDomain,
        String smtpHostname,
        long maxMessageBytes,
        int perHour,
        Duration retryFirst,
        Duration retryMax,
        Duration giveUpAfter) {}
