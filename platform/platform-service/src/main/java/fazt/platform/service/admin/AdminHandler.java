package fazt.platform.service.admin;

import fazt.proto.admin.AdminResponse;

/** The code answering one declared admin route; throws a problem (or the service's own failure) to refuse. */
@FunctionalInterface
public interface AdminHandler {
    AdminResponse handle(AdminCall call);
}
