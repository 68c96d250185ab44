package fazt.proto.deploy;

import fazt.proto.MessageType;

/** The live site of the app with this subdomain alias. */
@MessageType("deploy.site_request.v1")
public record SiteRequest(String name) {}
