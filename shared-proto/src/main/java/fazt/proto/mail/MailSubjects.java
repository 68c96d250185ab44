package fazt.proto.mail;

import fazt.proto.ServiceName;
import fazt.proto.SubjectGrammar;
import fazt.proto.SubjectRoot;

/**
 * Subjects owned by mail-svc (without the root), ADR 30.
 *
 * <h2>From runtime-svc (an app's {@code email} handler and {@code env.MAIL})</h2>
 * The runtime always names the app it runs for ({@code appId}); mail-svc answers only about messages in that app's
 * mailbox (404 {@code mail/no-message} otherwise, the same as an unknown id).
 * <ul>
 *   <li>{@link #MESSAGE_GET}: {@link MessageRequest} → {@link MessageDetail} (headers, text, html, attachments).
 *   <li>{@link #MESSAGE_PART}: {@link PartRequest} → {@link PartChunk}: the raw message ({@code part} -1) or one
 *       attachment's decoded bytes, by chunks of at most {@link #CHUNK_SIZE}.
 *   <li>{@link #MESSAGE_REJECT}: {@link RejectRequest} → {@link MessageSummary}: the handler called
 *       {@code setReject(reason)}.
 *   <li>{@link #SEND}: {@link SendRequest} → {@link SendAnswer}: queued durably before the answer; 429
 *       {@code mail/rate-limited} with {@code retryAfter}, 400 {@code mail/invalid-message} naming the field.
 * </ul>
 *
 * <h2>Outbound work queue</h2>
 * Accepted outbound messages travel through the JetStream work-queue stream {@code <ROOT>_WORK_MAIL} on
 * {@link #WORK} (the outbound id as {@code Nats-Msg-Id}); mail-svc instances share one durable pull consumer.
 */
public final class MailSubjects {
    /** Largest chunk of a raw message or attachment in one {@link PartChunk}. */
    public static final int CHUNK_SIZE = 512 * 1024;

    /** The problem member of a {@code 429}: whole seconds until the app may send again. */
    public static final String RETRY_AFTER = "retryAfter";

    /** Request {@link MessageRequest}; reply {@link MessageDetail}. */
    public static final String MESSAGE_GET = "svc.mail.message.get";
    /** Request {@link PartRequest}; reply {@link PartChunk}. */
    public static final String MESSAGE_PART = "svc.mail.message.part";
    /** Request {@link RejectRequest}; reply {@link MessageSummary}. */
    public static final String MESSAGE_REJECT = "svc.mail.message.reject";
    /** Request {@link SendRequest}; reply {@link SendAnswer}. */
    public static final String SEND = "svc.mail.send";
    /** Event {@link MessageReceived}: a message was stored in a mailbox (stream {@code <ROOT>_EVT_MAIL}). */
    public static final String MESSAGE_RECEIVED = "evt.mail.message.received";
    /** Event {@link OutboundChanged}: an outbound message was sent or failed for good. */
    public static final String OUTBOUND_EVENTS = "evt.mail.outbound.>";
    /** Work-queue subject of outbound messages (JetStream, not request/reply). */
    public static final String WORK = SubjectGrammar.work(ServiceName.MAIL, "outbound");

    /** The work-queue stream name for a subject root ({@code FAZT_WORK_MAIL}). */
    public static String workStream(SubjectRoot root) {
        return root.stream("WORK_MAIL");
    }

    /** Event subject of one outbound change: {@code evt.mail.outbound.<status>} ({@code sent} or {@code failed}). */
    public static String outboundEvent(String status) {
        return "evt.mail.outbound." + status;
    }

    private MailSubjects() {}
}
