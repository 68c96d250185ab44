package fazt.mail;

import fazt.platform.service.ServiceDefinition;
import fazt.proto.ServiceName;

/** Registers the mail service with the fazt launcher. */
public final class MailService implements ServiceDefinition {
    @Override
    public ServiceName name() {
        return ServiceName.MAIL;
    }
}
