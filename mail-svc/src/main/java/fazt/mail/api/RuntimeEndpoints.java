package fazt.mail.api;

import fazt.mail.domain.InboxEntry;
import fazt.mail.domain.MailException;
import fazt.mail.domain.Mailbox;
import fazt.mail.domain.MessageContent;
import fazt.mail.domain.MessageRejected;
import fazt.mail.persistence.JdbcInbox;
import fazt.platform.nats.IncomingRequest;
import fazt.platform.nats.RequestEndpoint;
import fazt.proto.mail.MailSubjects;
import fazt.proto.mail.MessageRequest;
import fazt.proto.mail.PartChunk;
import fazt.proto.mail.PartRequest;
import fazt.proto.mail.RejectRequest;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

/**
 * What runtime-svc asks for an app's {@code email} handler: {@code svc.mail.message.get}, {@code .part} (raw bytes or
 * an attachment, by chunks) and {@code .reject}. Each answers only for a message in the app's own mailbox; any other
 * id is {@code 404 mail/no-message}, as an unknown one. A rejection records the state and the reason; the bounce to
 * an authenticated sender is the outbound side's ({@link MessageRejected}).
 */
@Factory
final class RuntimeEndpoints {
    static final int MAX_REASON = 1_000;

    @Singleton
    RequestEndpoint messageGet(JdbcInbox inbox) {
        return endpoint(MailSubjects.MESSAGE_GET, request -> {
            MessageRequest asked = request.body(MessageRequest.class);
            InboxEntry entry = owned(inbox, asked.appId(), asked.messageId());
            MessageContent content = inbox.content(entry);
            if (content == null) {
                throw new MailException.NoMessage(asked.messageId());
            }
            return MailViews.detail(entry, content);
        });
    }

    @Singleton
    RequestEndpoint messagePart(JdbcInbox inbox) {
        return endpoint(MailSubjects.MESSAGE_PART, request -> {
            PartRequest asked = request.body(PartRequest.class);
            InboxEntry entry = owned(inbox, asked.appId(), asked.messageId());
            if (asked.offset() < 0 || asked.length() < 0 || asked.part() < -1) {
                throw new MailException.InvalidRequest("offset", "offset, length and part must not be negative.");
            }
            int length = Math.min(asked.length(), MailSubjects.CHUNK_SIZE);
            JdbcInbox.Chunk chunk = inbox.chunk(entry.messageId(), asked.part(), asked.offset(), length)
                    .orElseThrow(() -> new MailException.NoPart(asked.messageId(), asked.part()));
            return new PartChunk(asked.offset(), chunk.total(), chunk.data() == null ? new byte[0] : chunk.data());
        });
    }

    @Singleton
    RequestEndpoint messageReject(JdbcInbox inbox, MessageRejected hook) {
        return endpoint(MailSubjects.MESSAGE_REJECT, request -> {
            RejectRequest asked = request.body(RejectRequest.class);
            InboxEntry entry = owned(inbox, asked.appId(), asked.messageId());
            String reason = asked.reason() == null ? "" : asked.reason();
            if (reason.length() > MAX_REASON) {
                reason = reason.substring(0, MAX_REASON);
            }
            inbox.reject(entry.id(), reason);
            MessageContent content = inbox.content(entry);
            if (content != null) {
                hook.rejected(entry, reason, content.auth());
            }
            return MailViews.summary(inbox.find(entry.id()).orElseThrow());
        });
    }

    private static InboxEntry owned(JdbcInbox inbox, String appId, String entryId) {
        if (appId == null || entryId == null) {
            throw new MailException.NoMessage(String.valueOf(entryId));
        }
        return inbox.find(entryId)
                .filter(e -> e.mailbox().equals(Mailbox.app(appId)))
                .orElseThrow(() -> new MailException.NoMessage(entryId));
    }

    private interface Handler {
        Object handle(IncomingRequest request);
    }

    private static RequestEndpoint endpoint(String subject, Handler handler) {
        return new RequestEndpoint() {
            @Override
            public String subject() {
                return subject;
            }

            @Override
            public Object handle(IncomingRequest request) {
                try {
                    return handler.handle(request);
                } catch (MailException e) {
                    throw ProblemMapper.toProblem(e);
                }
            }
        };
    }
}
