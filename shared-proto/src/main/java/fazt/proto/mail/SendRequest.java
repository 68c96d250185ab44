package fazt.proto.mail;

import fazt.proto.MessageType;

/** App {@code appId} (alias {@code appName}) sends {@code message} through {@code env.MAIL.send} (runtime-svc). */
@MessageType("mail.send_request.v1")
public record SendRequest(String appId, String appName, SendBody message) {}
