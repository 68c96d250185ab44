package fazt.mail.api;

import com.fasterxml.jackson.databind.JsonNode;
import fazt.mail.domain.Directory;
import fazt.mail.domain.MailException;
import fazt.mail.domain.Mailbox;
import fazt.mail.domain.ManageAddresses;
import fazt.mail.persistence.JdbcInbox;
import fazt.platform.service.admin.AdminCall;
import fazt.platform.service.admin.AdminInput;
import fazt.proto.ServiceName;
import fazt.proto.admin.AdminResponse;
import fazt.proto.mail.AddressList;
import fazt.proto.mail.AddressView;
import fazt.proto.mail.AppMailView;
import jakarta.inject.Singleton;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/** The address routes of the admin API: an app's mail, every address, claiming and releasing one. */
@Singleton
final class AddressRoutes {
    private final ManageAddresses addresses;
    private final Directory directory;
    private final JdbcInbox inbox;
    private final AdminInput input = new AdminInput(ServiceName.MAIL);

    AddressRoutes(ManageAddresses addresses, Directory directory, JdbcInbox inbox) {
        this.addresses = addresses;
        this.directory = directory;
        this.inbox = inbox;
    }

    AdminResponse appMail(AdminCall call) {
        String name = call.param("name");
        Directory.App app = directory.appNamed(name).orElseThrow(() -> new MailException.AppNotFound(name));
        long[] counts = inbox.counts(Mailbox.app(app.appId()));
        return AdminResponse.json(
                200,
                MailViews.json(
                        new AppMailView(addresses.privateAddress(app), addresses.ofApp(app), counts[0], counts[1])));
    }

    AdminResponse list(AdminCall call) {
        return AdminResponse.json(200, MailViews.json(new AddressList(addresses.all())));
    }

    AdminResponse claim(AdminCall call) {
        JsonNode body = input.jsonBody(call.request());
        String address = input.text(body, "address", 300);
        if (address == null || address.isBlank()) {
            throw new MailException.InvalidAddress("The body needs \"address\" (local@domain or *@domain).");
        }
        String app = input.text(body, "app", 100);
        AddressView claimed = addresses.claim(address, app, call.principal().subject());
        return AdminResponse.json(201, MailViews.json(claimed));
    }

    AdminResponse release(AdminCall call) {
        String address = call.param("address");
        if (address.indexOf('%') >= 0) {
            address = URLDecoder.decode(address.replace("+", "%2B"), StandardCharsets.UTF_8);
        }
        addresses.release(address);
        return new AdminResponse(204, null, null, null, null);
    }
}
