package fazt.mail;

import static fazt.platform.service.settings.Setting.AS_INT;

import fazt.mail.inbound.SmtpLimits;
import fazt.platform.service.PlatformSettings;
import fazt.platform.service.settings.Setting;
import fazt.platform.service.settings.SettingType;
import java.util.List;

/** mail-svc's settings (ADR 23, ADR 30): the SMTP listener, its limits, and the DNS server of the SPF/DKIM/DMARC checks. */
final class MailSettings {
    static final List<Setting> ALL = List.of(
            PlatformSettings.MAIL_DOMAIN.mapsTo("mail.domain"),
            PlatformSettings.SMTP_HOSTNAME.mapsTo("mail.smtp.hostname"),
            Setting.number("FAZT_SMTP_PORT", null, 0, 65535L, "port of the SMTP server (unset: no SMTP listener)")
                    .unit("a port")
                    .mapsTo("mail.smtp.port", AS_INT),
            Setting.megabytes(
                            "FAZT_MAIL_MAX_MESSAGE_MB",
                            SmtpLimits.DEFAULT_MAX_MESSAGE_BYTES >> 20,
                            1,
                            1024L,
                            "largest mail message, received (announced as SIZE; `552 5.3.4` beyond) or sent (its raw size: 400 beyond)")
                    .mapsTo("mail.smtp.max-message-bytes", v -> (int) ((Long) v << 20)),
            Setting.number(
                            "FAZT_SMTP_MAX_RECIPIENTS",
                            (long) SmtpLimits.DEFAULT_MAX_RECIPIENTS,
                            1,
                            10_000L,
                            "recipients of one message (`452 4.5.3` beyond)")
                    .unit("a count")
                    .mapsTo("mail.smtp.max-recipients", AS_INT),
            Setting.number(
                            "FAZT_SMTP_MAX_CONNECTIONS",
                            (long) SmtpLimits.DEFAULT_MAX_CONNECTIONS,
                            1,
                            100_000L,
                            "open SMTP connections in all (`421 4.7.0` beyond)")
                    .unit("a count")
                    .mapsTo("mail.smtp.max-connections", AS_INT),
            Setting.number(
                            "FAZT_SMTP_MAX_CONNECTIONS_PER_CLIENT",
                            (long) SmtpLimits.DEFAULT_MAX_CONNECTIONS_PER_CLIENT,
                            1,
                            100_000L,
                            "open SMTP connections per client address (`421 4.7.0` beyond)")
                    .unit("a count")
                    .mapsTo("mail.smtp.max-connections-per-client", AS_INT),
            Setting.number(
                            "FAZT_SMTP_MAX_COMMANDS",
                            (long) SmtpLimits.DEFAULT_MAX_COMMANDS,
                            10,
                            100_000L,
                            "commands of one SMTP session before a message is accepted (`421 4.7.0` and closed beyond)")
                    .unit("a count")
                    .mapsTo("mail.smtp.max-commands", AS_INT),
            Setting.number(
                            "FAZT_SMTP_MAX_ERRORS",
                            (long) SmtpLimits.DEFAULT_MAX_ERRORS,
                            1,
                            10_000L,
                            "refused senders, recipients and messages of one SMTP session before it is closed")
                    .unit("a count")
                    .mapsTo("mail.smtp.max-errors", AS_INT),
            Setting.millis(
                            "FAZT_SMTP_IDLE_TIMEOUT_MS",
                            SmtpLimits.DEFAULT_IDLE_TIMEOUT_MILLIS,
                            1_000,
                            3_600_000L,
                            "an SMTP client silent this long is disconnected (`421`); RFC 5321 asks for at least 5 min")
                    .mapsTo("mail.smtp.idle-timeout-millis", AS_INT),
            Setting.millis(
                            "FAZT_SMTP_DATA_TIMEOUT_MS",
                            SmtpLimits.DEFAULT_DATA_TIMEOUT_MILLIS,
                            1_000,
                            3_600_000L,
                            "longest a message's DATA may take in all")
                    .mapsTo("mail.smtp.data-timeout-millis", AS_INT),
            Setting.number(
                            "FAZT_SMTP_MAX_CONCURRENT_MESSAGES",
                            (long) SmtpLimits.DEFAULT_MAX_CONCURRENT_MESSAGES,
                            1,
                            1_000L,
                            "messages received at once, each held in memory whole (a message beyond waits up to 30 s,"
                                    + " then `451 4.3.2`)")
                    .unit("a count")
                    .mapsTo("mail.smtp.max-concurrent-messages", AS_INT),
            Setting.of(
                            "FAZT_MAIL_DNS",
                            SettingType.STRING,
                            null,
                            "DNS server (`host:port`) of the SPF, DKIM and DMARC checks of received mail")
                    .defaultText("the system's resolvers")
                    .mapsTo("mail.dns"));

    private MailSettings() {}
}
