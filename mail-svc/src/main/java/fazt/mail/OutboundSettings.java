package fazt.mail;

import static fazt.platform.service.settings.Setting.AS_INT;

import fazt.platform.service.settings.Setting;
import java.util.List;

/**
 * mail-svc's settings for sending (ADR 30): the per-app send limit and the relay's retry
 * schedule. {@link MailService} lists them with the inbound ones.
 */
public final class OutboundSettings {
    public static final long DEFAULT_PER_HOUR = 100;
    public static final long DEFAULT_RETRY_FIRST_MILLIS = 30_000;
    public static final long DEFAULT_RETRY_MAX_MILLIS = 3_600_000;
    public static final long DEFAULT_RETRY_DAYS = 5;

    public static final List<Setting> ALL = List.of(
            Setting.number(
                            "FAZT_MAIL_SEND_PER_HOUR",
                            DEFAULT_PER_HOUR,
                            1,
                            1_000_000L,
                            "messages one app may queue per clock hour, counted across instances: 429 beyond")
                    .unit("messages per hour")
                    .mapsTo("mail.outbound.per-hour", AS_INT),
            Setting.millis(
                            "FAZT_MAIL_RETRY_FIRST_MS",
                            DEFAULT_RETRY_FIRST_MILLIS,
                            100,
                            3_600_000L,
                            "first pause before a message the relay deferred (4xx, no connection) is tried again; it"
                                    + " doubles, randomised")
                    .mapsTo("mail.outbound.retry-first-millis"),
            Setting.millis(
                            "FAZT_MAIL_RETRY_MAX_MS",
                            DEFAULT_RETRY_MAX_MILLIS,
                            100,
                            86_400_000L,
                            "longest pause between two attempts at the relay")
                    .mapsTo("mail.outbound.retry-max-millis"),
            Setting.number(
                            "FAZT_MAIL_RETRY_DAYS",
                            DEFAULT_RETRY_DAYS,
                            1,
                            30L,
                            "a message the relay keeps deferring fails after this long in the queue")
                    .unit("days")
                    .mapsTo("mail.outbound.retry-days", AS_INT));

    private OutboundSettings() {}
}
