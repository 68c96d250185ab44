package fazt.gateway.admin;

import fazt.gateway.edge.Exchange;
import fazt.proto.admin.BodyBlob;
import fazt.proto.auth.Principal;

/** An admin request whose body {@link AdminUploadStreamer} already streamed to storage, passed on to the edge handler. */
public record StreamedAdminRequest(Exchange exchange, Principal principal, BodyBlob body) {}
