package fazt.gateway.admin;

import fazt.gateway.edge.Exchange;
import fazt.proto.admin.BodyBlob;
import fazt.proto.auth.Principal;

/**
 * An authenticated admin request whose body {@link AdminUploadStreamer} read: small text {@code inline}, or streamed
 * to storage as {@code blob}; passed on to the edge handler.
 */
public record StreamedAdminRequest(Exchange exchange, Principal principal, String inline, BodyBlob blob) {}
