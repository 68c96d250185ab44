package fazt.mail.persistence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import fazt.mail.domain.InboxEntry;
import fazt.mail.domain.Incoming;
import fazt.mail.domain.MessageContent;
import fazt.mail.domain.ParsedMessage;
import fazt.platform.service.db.Sql;
import fazt.proto.MessageCodec;
import fazt.proto.mail.AttachmentView;
import fazt.proto.mail.AuthResults;
import fazt.proto.mail.MailHeader;
import jakarta.inject.Singleton;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The mailboxes in PostgreSQL (schema {@code mail}, V1): a received message once in {@code message} with its
 * {@code attachment}s, and one {@code inbox} row per mailbox it reached. Deleting the last inbox row of a message
 * deletes the message in the same transaction.
 */
@Singleton
public final class JdbcInbox {
    static final String SUMMARY = "SELECT i.entry_id, i.message_id, i.mailbox, i.app_id, i.app_name, m.mail_from,"
            + " i.recipient, m.header_from, m.subject, i.received_at, m.raw_size, i.read,"
            + " (SELECT count(*) FROM attachment a WHERE a.message_id = m.message_id) AS attachments, i.status, m.spam"
            + " FROM inbox i JOIN message m ON m.message_id = i.message_id";

    private final Sql db;

    public JdbcInbox(Sql db) {
        this.db = db;
    }

    /** Stores the message, its attachments and one inbox row per delivery, in one transaction. */
    public void store(Incoming in, Instant at) {
        db.inTransaction(c -> {
            ParsedMessage p = in.parsed();
            try (PreparedStatement s = c.prepareStatement("INSERT INTO message (message_id, mail_from, helo,"
                    + " client_ip, header_from, subject, message_id_header, headers, text_body, html_body, raw,"
                    + " raw_size, spf, dkim, dkim_domain, dmarc, dmarc_policy, spam, received_at)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                int i = 1;
                s.setString(i++, in.messageId());
                s.setString(i++, in.mailFrom());
                s.setString(i++, clean(in.helo()));
                s.setString(i++, in.clientIp());
                s.setString(i++, clean(p.from()));
                s.setString(i++, clean(p.subject()));
                s.setString(i++, clean(p.messageIdHeader()));
                s.setString(i++, json(p.headers()));
                s.setString(i++, clean(p.text()));
                s.setString(i++, clean(p.html()));
                s.setBytes(i++, in.raw());
                s.setLong(i++, in.raw().length);
                s.setString(i++, in.auth().spf());
                s.setString(i++, in.auth().dkim());
                s.setString(i++, in.auth().dkimDomain());
                s.setString(i++, in.auth().dmarc());
                s.setString(i++, in.auth().dmarcPolicy());
                s.setBoolean(i++, in.spam());
                s.setTimestamp(i, java.sql.Timestamp.from(at));
                s.executeUpdate();
            }
            try (PreparedStatement s = c.prepareStatement("INSERT INTO attachment (message_id, idx, filename,"
                    + " content_type, content_id, size, data) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                int idx = 0;
                for (ParsedMessage.Attachment a : p.attachments()) {
                    s.setString(1, in.messageId());
                    s.setInt(2, idx++);
                    s.setString(3, clean(a.filename()));
                    s.setString(4, a.contentType());
                    s.setString(5, clean(a.contentId()));
                    s.setLong(6, a.data().length);
                    s.setBytes(7, a.data());
                    s.addBatch();
                }
                s.executeBatch();
            }
            try (PreparedStatement s = c.prepareStatement(
                    "INSERT INTO inbox (entry_id, message_id, mailbox, app_id,"
                            + " app_name, recipient, pending, next_attempt_at, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (Incoming.Delivery d : in.deliveries()) {
                    s.setString(1, d.entryId());
                    s.setString(2, in.messageId());
                    s.setString(3, d.target().mailbox());
                    s.setString(4, d.target().appId());
                    s.setString(5, d.target().appName());
                    s.setString(6, d.recipient());
                    s.setBoolean(7, d.pending());
                    if (d.pending()) {
                        s.setTimestamp(8, java.sql.Timestamp.from(at));
                    } else {
                        s.setNull(8, Types.TIMESTAMP);
                    }
                    s.setTimestamp(9, java.sql.Timestamp.from(at));
                    s.addBatch();
                }
                s.executeBatch();
            }
            return null;
        });
    }

    public Optional<InboxEntry> find(String entryId) {
        return db.optional(SUMMARY + " WHERE i.entry_id = ?", JdbcInbox::entry, entryId);
    }

    /**
     * A page of a mailbox, newest first: at most {@code limit} entries after {@code after} (the last entry of the
     * previous page), matching {@code q} in subject, senders or text when given, unread only when asked.
     */
    public List<InboxEntry> list(String mailbox, String q, boolean unreadOnly, int limit, Cursor after) {
        StringBuilder sql = new StringBuilder(SUMMARY).append(" WHERE i.mailbox = ?");
        List<Object> params = new ArrayList<>(List.of(mailbox));
        if (unreadOnly) {
            sql.append(" AND NOT i.read");
        }
        if (q != null && !q.isBlank()) {
            String like = "%" + q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
            sql.append(
                    " AND (m.subject ILIKE ? OR m.header_from ILIKE ? OR m.mail_from ILIKE ? OR m.text_body ILIKE ?)");
            params.addAll(List.of(like, like, like, like));
        }
        if (after != null) {
            sql.append(" AND (i.received_at, i.entry_id) < (?, ?)");
            params.add(after.receivedAt());
            params.add(after.id());
        }
        sql.append(" ORDER BY i.received_at DESC, i.entry_id DESC LIMIT ?");
        params.add(limit);
        return db.list(sql.toString(), JdbcInbox::entry, params.toArray());
    }

    /** A mailbox's message count and how many of them are unread. */
    public long[] counts(String mailbox) {
        return db.one(
                "SELECT count(*), count(*) FILTER (WHERE NOT read) FROM inbox WHERE mailbox = ?",
                r -> new long[] {r.getLong(1), r.getLong(2)},
                mailbox);
    }

    public MessageContent content(InboxEntry entry) {
        return db.inSnapshot(c -> {
            MessageContent content;
            try (PreparedStatement s = Sql.prepare(
                            c,
                            "SELECT m.headers::text, m.message_id_header, m.text_body, m.html_body, m.spf, m.dkim,"
                                    + " m.dkim_domain, m.dmarc, m.dmarc_policy, i.reason FROM message m"
                                    + " JOIN inbox i ON i.message_id = m.message_id WHERE i.entry_id = ?",
                            entry.id());
                    ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    return null;
                }
                content = new MessageContent(
                        headers(r.getString(1)),
                        r.getString(2),
                        r.getString(3),
                        r.getString(4),
                        List.of(),
                        new AuthResults(r.getString(5), r.getString(6), r.getString(7), r.getString(8), r.getString(9)),
                        r.getString(10));
            }
            List<AttachmentView> attachments = new ArrayList<>();
            try (PreparedStatement s = Sql.prepare(
                            c,
                            "SELECT idx, filename, content_type, size, content_id FROM attachment"
                                    + " WHERE message_id = ? ORDER BY idx",
                            entry.messageId());
                    ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    attachments.add(new AttachmentView(
                            r.getInt(1), r.getString(2), r.getString(3), r.getLong(4), r.getString(5)));
                }
            }
            return new MessageContent(
                    content.headers(),
                    content.messageIdHeader(),
                    content.text(),
                    content.html(),
                    List.copyOf(attachments),
                    content.auth(),
                    content.reason());
        });
    }

    /** Bytes of a part (-1: the raw message; else attachment {@code part}) from {@code offset}, and its length. */
    public Optional<Chunk> chunk(String messageId, int part, long offset, int length) {
        String sql = part < 0
                ? "SELECT octet_length(raw), substring(raw FROM ?::int FOR ?::int) FROM message WHERE message_id = ?"
                : "SELECT octet_length(data), substring(data FROM ?::int FOR ?::int) FROM attachment WHERE message_id = ?"
                        + " AND idx = ?";
        Object[] params = part < 0
                ? new Object[] {(int) Math.min(offset + 1, Integer.MAX_VALUE), length, messageId}
                : new Object[] {(int) Math.min(offset + 1, Integer.MAX_VALUE), length, messageId, part};
        return db.optional(sql, r -> new Chunk(r.getLong(1), r.getBytes(2)), params);
    }

    /** The whole part (-1: the raw message), for downloads. */
    public Optional<byte[]> whole(String messageId, int part) {
        return part < 0
                ? db.optional("SELECT raw FROM message WHERE message_id = ?", r -> r.getBytes(1), messageId)
                : db.optional(
                        "SELECT data FROM attachment WHERE message_id = ? AND idx = ?",
                        r -> r.getBytes(1),
                        messageId,
                        part);
    }

    /** An attachment's content type and file name (null when it has none). */
    public Optional<AttachmentInfo> attachmentInfo(String messageId, int part) {
        return db.optional(
                "SELECT content_type, filename FROM attachment WHERE message_id = ? AND idx = ?",
                r -> new AttachmentInfo(r.getString(1), r.getString(2)),
                messageId,
                part);
    }

    public void setRead(String entryId, boolean read) {
        db.update("UPDATE inbox SET read = ? WHERE entry_id = ?", read, entryId);
    }

    /** Marks the entry rejected by its app's handler, with the reason; no longer pending. */
    public void reject(String entryId, String reason) {
        db.update(
                "UPDATE inbox SET status = 'rejected', reason = ?, pending = false WHERE entry_id = ?",
                reason,
                entryId);
    }

    /** Deletes the entry, and the message with it when no mailbox holds it any more. */
    public boolean delete(String entryId) {
        return db.inTransaction(c -> {
            String messageId;
            try (PreparedStatement s =
                            Sql.prepare(c, "DELETE FROM inbox WHERE entry_id = ? RETURNING message_id", entryId);
                    ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    return false;
                }
                messageId = r.getString(1);
            }
            try (PreparedStatement s = Sql.prepare(
                    c,
                    "DELETE FROM message WHERE message_id = ? AND NOT EXISTS"
                            + " (SELECT 1 FROM inbox WHERE message_id = ?)",
                    messageId,
                    messageId)) {
                s.executeUpdate();
            }
            return true;
        });
    }

    /**
     * Takes up to {@code limit} pending deliveries that are due, leasing each for {@code lease} (another instance
     * skips it meanwhile) and counting the attempt.
     */
    public List<InboxEntry> takeDue(Instant now, java.time.Duration lease, int limit) {
        return db.inTransaction(c -> {
            List<String> ids = new ArrayList<>();
            try (PreparedStatement s = Sql.prepare(
                            c,
                            "UPDATE inbox SET next_attempt_at = ?, attempts = attempts + 1 WHERE entry_id IN"
                                    + " (SELECT entry_id FROM inbox WHERE pending AND next_attempt_at <= ?"
                                    + " ORDER BY next_attempt_at LIMIT ? FOR UPDATE SKIP LOCKED) RETURNING entry_id",
                            now.plus(lease),
                            now,
                            limit);
                    ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    ids.add(r.getString(1));
                }
            }
            if (ids.isEmpty()) {
                return List.of();
            }
            List<InboxEntry> out = new ArrayList<>();
            try (PreparedStatement s = Sql.prepare(c, SUMMARY + " WHERE i.entry_id = ANY(?)", ids);
                    ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(entry(r));
                }
            }
            return out;
        });
    }

    /** The scheduler accepted a run for the entry: delivered, no longer pending. */
    public void delivered(String entryId, String runId) {
        db.update(
                "UPDATE inbox SET pending = false, status = CASE WHEN status = 'stored' THEN 'delivered' ELSE status END,"
                        + " run_id = ? WHERE entry_id = ?",
                runId,
                entryId);
    }

    /** Asks again at {@code next} (the scheduler did not answer or refused). */
    public void retryAt(String entryId, Instant next) {
        db.update("UPDATE inbox SET next_attempt_at = ? WHERE entry_id = ? AND pending", next, entryId);
    }

    /** The delivery cannot succeed (the app is gone): failed, no longer pending. */
    public void failed(String entryId, String reason) {
        db.update(
                "UPDATE inbox SET pending = false, status = 'failed', reason = ? WHERE entry_id = ?", reason, entryId);
    }

    public int attempts(String entryId) {
        return db.optional("SELECT attempts FROM inbox WHERE entry_id = ?", r -> r.getInt(1), entryId)
                .orElse(0);
    }

    /** A position in a mailbox list. */
    public record Cursor(Instant receivedAt, String id) {}

    public record AttachmentInfo(String contentType, String filename) {}

    /** Some bytes of a part and the part's whole length. */
    public record Chunk(long total, byte[] data) {}

    static InboxEntry entry(ResultSet r) throws SQLException {
        return new InboxEntry(
                r.getString("entry_id"),
                r.getString("message_id"),
                r.getString("mailbox"),
                r.getString("app_id"),
                r.getString("app_name"),
                r.getString("mail_from"),
                r.getString("recipient"),
                r.getString("header_from"),
                r.getString("subject"),
                Sql.instant(r, "received_at"),
                r.getLong("raw_size"),
                r.getBoolean("read"),
                r.getInt("attachments"),
                r.getString("status"),
                r.getBoolean("spam"));
    }

    private static String json(List<MailHeader> headers) {
        List<MailHeader> clean = headers.stream()
                .map(h -> new MailHeader(clean(h.name()), clean(h.value())))
                .toList();
        try {
            return MessageCodec.INSTANCE.mapper().writeValueAsString(clean);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<MailHeader> headers(String json) {
        try {
            return MessageCodec.INSTANCE.mapper().readValue(json, new TypeReference<List<MailHeader>>() {});
        } catch (JsonProcessingException e) {
            return List.of();
        }
    }

    /** PostgreSQL text holds no NUL character: a message's headers or bodies may. */
    private static String clean(String text) {
        return text == null ? null : text.replace("\u0000", "");
    }
}
