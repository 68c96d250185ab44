package fazt.platform.test.standins;

import fazt.platform.nats.IncomingRequest;
import fazt.platform.nats.ProblemException;
import fazt.platform.nats.RequestEndpoint;
import fazt.platform.nats.ServiceEndpoints;
import fazt.proto.ServiceName;
import fazt.proto.SubjectRoot;
import fazt.proto.mail.AttachmentView;
import fazt.proto.mail.AuthResults;
import fazt.proto.mail.MailHeader;
import fazt.proto.mail.MailSubjects;
import fazt.proto.mail.MessageDetail;
import fazt.proto.mail.MessageRequest;
import fazt.proto.mail.MessageSummary;
import fazt.proto.mail.PartChunk;
import fazt.proto.mail.PartRequest;
import fazt.proto.mail.RejectRequest;
import fazt.proto.mail.SendAnswer;
import fazt.proto.mail.SendBody;
import fazt.proto.mail.SendRequest;
import fazt.proto.problem.Problem;
import io.nats.client.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Plays mail-svc for runtime-svc's tests: answers the four subjects an app's {@code email} handler and
 * {@code env.MAIL} use ({@link MailSubjects#MESSAGE_GET}, {@code .part}, {@code .reject}, {@link MailSubjects#SEND})
 * over real NATS, in mail's queue group and through {@link ServiceEndpoints} (refusals are the same ADR-32 problem
 * replies), from memory. A test {@link #receive receives} a message for an app (the stand-in composes its raw MIME
 * from the parts the test gives, so the raw bytes, their size and the attachments agree); sends are checked only as
 * far as {@link MailContract} holds the real mail-svc to (a recipient, well-formed addresses, a referenced message in
 * the app's mailbox), queued nowhere and recorded; {@link #sendLimit} makes an app's sends past a count answer 429.
 * Every decoded request is recorded.
 */
public final class MailStandIn implements AutoCloseable {
    /** What {@link SendAnswer#status} a queued send has. */
    public static final String QUEUED = "queued";

    private static final Pattern ADDRESS = Pattern.compile("(?:[^<>@]*<)?[^\\s<>@]+@[^\\s<>@]+>?");
    private static final int MAX_RECIPIENTS = 50;

    /** One attachment of a message to receive. */
    public record Attachment(String filename, String contentType, String contentId, byte[] content) {}

    /**
     * A message to receive: envelope {@code mailFrom} and recipient {@code to}, header {@code from} and
     * {@code subject}, more {@code headers} (e.g. {@code Reply-To}), {@code text} and/or {@code html}, attachments.
     */
    public record Incoming(
            String mailFrom,
            String to,
            String from,
            String subject,
            List<MailHeader> headers,
            String text,
            String html,
            List<Attachment> attachments) {}

    private record Stored(String appId, MessageDetail detail, byte[] raw, List<byte[]> parts) {}

    private final Map<String, Stored> messages = new ConcurrentHashMap<>();
    private final Map<String, Integer> sendLimits = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> sent = new ConcurrentHashMap<>();
    private final List<Object> requests = new CopyOnWriteArrayList<>();
    private final ServiceEndpoints endpoints;

    private MailStandIn(Connection nats, SubjectRoot root) {
        endpoints = ServiceEndpoints.start(
                nats,
                root,
                ServiceName.MAIL,
                "0.0.0-standin",
                "mail-stand-in-" + UUID.randomUUID(),
                List.of(
                        endpoint(MailSubjects.MESSAGE_GET, r -> stored(record(r, MessageRequest.class))
                                .detail()),
                        endpoint(MailSubjects.MESSAGE_PART, r -> part(record(r, PartRequest.class))),
                        endpoint(MailSubjects.MESSAGE_REJECT, r -> reject(record(r, RejectRequest.class))),
                        endpoint(MailSubjects.SEND, r -> send(record(r, SendRequest.class)))));
    }

    /** Starts answering mail's runtime subjects under {@code root}; close it to stop. */
    public static MailStandIn start(Connection nats, SubjectRoot root) {
        return new MailStandIn(nats, root);
    }

    /** Stores {@code message} in app {@code appId}'s mailbox, as an SMTP delivery would; returns its id. */
    public String receive(String appId, Incoming message) {
        String id = "m_" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
        List<Attachment> attachments = message.attachments() == null ? List.of() : message.attachments();
        List<MailHeader> headers = new ArrayList<>();
        headers.add(new MailHeader("From", message.from()));
        headers.add(new MailHeader("To", message.to()));
        headers.add(new MailHeader("Subject", message.subject()));
        headers.add(new MailHeader("Message-ID", "<" + id + "@standin.test>"));
        if (message.headers() != null) {
            headers.addAll(message.headers());
        }
        byte[] raw = MimeText.compose(headers, message.text(), message.html(), attachments);
        List<AttachmentView> views = new ArrayList<>();
        for (int i = 0; i < attachments.size(); i++) {
            Attachment a = attachments.get(i);
            views.add(new AttachmentView(i, a.filename(), a.contentType(), a.content().length, a.contentId()));
        }
        MessageSummary summary = new MessageSummary(
                id,
                "app:" + appId,
                message.mailFrom(),
                message.to(),
                message.from(),
                message.subject(),
                Instant.now(),
                raw.length,
                false,
                attachments.size(),
                "stored",
                false);
        MessageDetail detail = new MessageDetail(
                summary,
                List.copyOf(headers),
                id + "@standin.test",
                message.text(),
                message.html(),
                List.copyOf(views),
                new AuthResults("pass", "none", null, "none", null),
                null);
        messages.put(
                id,
                new Stored(
                        appId,
                        detail,
                        raw,
                        attachments.stream().map(Attachment::content).toList()));
        return id;
    }

    /** The raw bytes of message {@code id} as received. */
    public byte[] raw(String id) {
        return messages.get(id).raw().clone();
    }

    /** The summary of message {@code id} now (its status changes when the app rejects it). */
    public MessageSummary summary(String id) {
        return messages.get(id).detail().summary();
    }

    /** App {@code appId}'s sends past {@code count} answer 429 {@code mail/rate-limited} (retry after 60 s). */
    public void sendLimit(String appId, int count) {
        sendLimits.put(appId, count);
    }

    /** Every request received so far, decoded, in order of arrival. */
    public List<Object> requests() {
        return List.copyOf(requests);
    }

    /** The received requests of {@code type}. */
    public <T> List<T> requests(Class<T> type) {
        return requests.stream().filter(type::isInstance).map(type::cast).toList();
    }

    @Override
    public void close() {
        endpoints.close();
    }

    private Stored stored(MessageRequest request) {
        return owned(request.appId(), request.messageId());
    }

    private Stored owned(String appId, String messageId) {
        Stored stored = messageId == null ? null : messages.get(messageId);
        if (stored == null || !stored.appId().equals(appId)) {
            throw new ProblemException(
                    Problem.of(404, "mail/no-message", "No such message", "There is no message " + messageId + "."));
        }
        return stored;
    }

    private PartChunk part(PartRequest request) {
        Stored stored = owned(request.appId(), request.messageId());
        if (request.length() < 1 || request.length() > MailSubjects.CHUNK_SIZE || request.offset() < 0) {
            throw invalid("length", "must be 1.." + MailSubjects.CHUNK_SIZE + " from a non-negative offset");
        }
        byte[] whole;
        if (request.part() == -1) {
            whole = stored.raw();
        } else if (request.part() >= 0 && request.part() < stored.parts().size()) {
            whole = stored.parts().get(request.part());
        } else {
            throw new ProblemException(
                    Problem.of(404, "mail/no-part", "No such part", "The message has no part " + request.part() + "."));
        }
        int from = (int) Math.min(request.offset(), whole.length);
        int to = (int) Math.min((long) from + request.length(), whole.length);
        return new PartChunk(from, whole.length, Arrays.copyOfRange(whole, from, to));
    }

    private MessageSummary reject(RejectRequest request) {
        Stored stored = owned(request.appId(), request.messageId());
        if (request.reason() == null || request.reason().isBlank()) {
            throw invalid("reason", "is required");
        }
        MessageSummary s = stored.detail().summary();
        MessageSummary rejected = new MessageSummary(
                s.id(),
                s.mailbox(),
                s.mailFrom(),
                s.to(),
                s.from(),
                s.subject(),
                s.receivedAt(),
                s.rawSize(),
                s.read(),
                s.attachments(),
                "rejected",
                s.spam());
        MessageDetail d = stored.detail();
        messages.put(
                s.id(),
                new Stored(
                        stored.appId(),
                        new MessageDetail(
                                rejected,
                                d.headers(),
                                d.messageIdHeader(),
                                d.text(),
                                d.html(),
                                d.attachments(),
                                d.auth(),
                                request.reason()),
                        stored.raw(),
                        stored.parts()));
        return rejected;
    }

    private SendAnswer send(SendRequest request) {
        SendBody m = request.message();
        if (request.appId() == null || m == null) {
            throw invalid("message", "is required");
        }
        if (m.from() == null || !ADDRESS.matcher(m.from()).matches()) {
            throw invalid("from", "must be an email address");
        }
        int count = 0;
        for (var field : List.of(
                Map.entry("to", list(m.to())), Map.entry("cc", list(m.cc())), Map.entry("bcc", list(m.bcc())))) {
            for (String address : field.getValue()) {
                if (address == null || !ADDRESS.matcher(address).matches()) {
                    throw invalid(field.getKey(), "must hold email addresses");
                }
                count++;
            }
        }
        if (count == 0 || count > MAX_RECIPIENTS) {
            throw invalid("to", "needs 1 to " + MAX_RECIPIENTS + " recipients in all");
        }
        if (m.forwardOf() != null) {
            owned(request.appId(), m.forwardOf());
        }
        if (m.inReplyTo() != null) {
            owned(request.appId(), m.inReplyTo());
        }
        Integer limit = sendLimits.get(request.appId());
        AtomicInteger used = sent.computeIfAbsent(request.appId(), k -> new AtomicInteger());
        if (limit != null && used.get() >= limit) {
            throw new ProblemException(
                    Problem.of(429, "mail/rate-limited", "Too many messages", "The app sent too many messages; wait.")
                            .withExtension(MailSubjects.RETRY_AFTER, 60));
        }
        used.incrementAndGet();
        String id = "o_" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
        return new SendAnswer(id, id + "@standin.test", QUEUED);
    }

    private static List<String> list(List<String> value) {
        return value == null ? List.of() : value;
    }

    private static ProblemException invalid(String field, String message) {
        return new ProblemException(Problem.of(
                        400, "mail/invalid-message", "Invalid message", "The message's " + field + " " + message + ".")
                .withErrors(List.of(new Problem.FieldError(field, message))));
    }

    private <T> T record(IncomingRequest request, Class<T> type) {
        T decoded = request.body(type);
        requests.add(decoded);
        return decoded;
    }

    private static RequestEndpoint endpoint(String subject, Function<IncomingRequest, Object> answer) {
        return new RequestEndpoint() {
            @Override
            public String subject() {
                return subject;
            }

            @Override
            public Object handle(IncomingRequest request) {
                return answer.apply(request);
            }
        };
    }
}
