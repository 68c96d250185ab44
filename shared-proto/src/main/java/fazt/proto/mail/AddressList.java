package fazt.proto.mail;

import java.util.List;

/** {@code GET /api/mail/addresses} and an app's addresses: sorted by domain, then local part. */
public record AddressList(List<AddressView> addresses) {}
