package fazt.mail;

import fazt.platform.service.ServiceDefinition;
import fazt.platform.service.settings.Setting;
import fazt.proto.ServiceName;
import java.util.List;
import java.util.stream.Stream;

/** Registers the mail service with the fazt launcher; its settings are {@link MailSettings} and {@link OutboundSettings}. */
public final class MailService implements ServiceDefinition {
    @Override
    public ServiceName name() {
        return ServiceName.MAIL;
    }

    @Override
    public List<Setting> settings() {
        return Stream.concat(MailSettings.ALL.stream(), OutboundSettings.ALL.stream())
                .toList();
    }
}
