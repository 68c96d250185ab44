package fazt.mail;

import fazt.platform.service.PlatformSettings;
import fazt.platform.service.ServiceDefinition;
import fazt.platform.service.settings.Setting;
import fazt.proto.ServiceName;
import java.util.ArrayList;
import java.util.List;

/** Registers the mail service with the fazt launcher; its settings are the mail domains and {@link OutboundSettings}. */
public final class MailService implements ServiceDefinition {
    /** Micronaut property of {@code FAZT_MAIL_DOMAIN} (unset: the bootstrap domain). */
    public static final String MAIL_DOMAIN_PROPERTY = "mail.domain";
    /** Micronaut property of {@code FAZT_SMTP_HOSTNAME} (unset: {@code mail.<mail domain>}). */
    public static final String SMTP_HOSTNAME_PROPERTY = "mail.smtp-hostname";

    @Override
    public ServiceName name() {
        return ServiceName.MAIL;
    }

    @Override
    public List<Setting> settings() {
        List<Setting> all = new ArrayList<>();
        all.add(PlatformSettings.MAIL_DOMAIN.mapsTo(MAIL_DOMAIN_PROPERTY));
        all.add(PlatformSettings.SMTP_HOSTNAME.mapsTo(SMTP_HOSTNAME_PROPERTY));
        all.addAll(OutboundSettings.ALL);
        return List.copyOf(all);
    }
}
