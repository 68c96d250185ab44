package fazt.proto.mail;

import fazt.proto.MessageType;

/**
 * The app's {@code email} handler called {@code message.setReject(reason)}: mail-svc marks the message
 * {@code rejected} with the reason and bounces it to the envelope sender when that sender passed SPF or DKIM (never
 * to a forged one: no backscatter).
 */
@MessageType("mail.reject_request.v1")
public record RejectRequest(String appId, String messageId, String reason) {}
