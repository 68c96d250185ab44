package fazt.proto.scheduler;

import fazt.proto.MessageType;

/**
 * mail-svc stored message {@code messageId} for app {@code appId} (alias {@code name}), received from envelope sender
 * {@code mailFrom} for recipient {@code to}, {@code rawSize} bytes, with header {@code subject}: run the app's
 * {@code email} handler for it. The run's trigger is {@code email}, its source the recipient; each attempt is a
 * {@code svc.runtime.invoke} with trigger {@code email} whose JSON body is
 * {@code {"messageId", "mailFrom", "to", "rawSize", "subject"}} (the runtime reads the rest from mail-svc).
 */
@MessageType("scheduler.email_enqueue_request.v1")
public record EmailEnqueueRequest(
        String appId, String name, String messageId, String mailFrom, String to, long rawSize, String subject) {}
