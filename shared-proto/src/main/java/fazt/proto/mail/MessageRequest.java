package fazt.proto.mail;

import fazt.proto.MessageType;

/** Read message {@code messageId} of app {@code appId}'s mailbox (runtime-svc, for the app's {@code email} handler). */
@MessageType("mail.message_request.v1")
public record MessageRequest(String appId, String messageId) {}
