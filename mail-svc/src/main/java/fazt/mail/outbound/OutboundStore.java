package fazt.mail.outbound;

import fazt.platform.service.db.Sql;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The outbound rows, their attempts and the per-app send windows in schema {@code mail} (ADR 30). */
public final class OutboundStore {
    private static final String COLUMNS = "id, app_id, kind, message_id, envelope_from, from_address, recipients,"
            + " subject, size, status, attempts, answer, queued_at, next_attempt_at, finished_at";

    private final Sql db;

    public OutboundStore(Sql db) {
        this.db = db;
    }

    /** One attempt at the relay as recorded. */
    public record Attempt(int n, Instant at, String outcome, String answer, List<String> refused) {}

    /** A received message of a mailbox, as V1's table {@code message} holds it. */
    record StoredMessage(String id, String mailbox, byte[] raw, String messageIdHeader) {}

    Sql db() {
        return db;
    }

    /**
     * Counts one message against {@code appId}'s window of this clock hour (dropping its past windows); false when the app already queued
     * {@code perHour} in it. Runs in the caller's transaction, so a refused or failed insert does not count.
     */
    static boolean takeSendSlot(Connection c, String appId, Instant windowStart, int perHour) throws SQLException {
        // past hours count for nothing: an app keeps one row
        try (PreparedStatement s =
                Sql.prepare(c, "DELETE FROM send_window WHERE app_id = ? AND window_start < ?", appId, windowStart)) {
            s.executeUpdate();
        }
        try (PreparedStatement s = Sql.prepare(
                        c,
                        "INSERT INTO send_window AS w (app_id, window_start, sent) VALUES (?, ?, 1)"
                                + " ON CONFLICT (app_id, window_start) DO UPDATE SET sent = w.sent + 1"
                                + " WHERE w.sent < ? RETURNING sent",
                        appId,
                        windowStart,
                        perHour);
                ResultSet r = s.executeQuery()) {
            return r.next();
        }
    }

    static void insert(Connection c, Outbound o, byte[] raw) throws SQLException {
        try (PreparedStatement s = Sql.prepare(
                c,
                "INSERT INTO outbound (id, app_id, kind, message_id, envelope_from, from_address, recipients, subject,"
                        + " raw, size, status, attempts, queued_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?)",
                o.id(),
                o.appId(),
                o.kind(),
                o.messageId(),
                o.envelopeFrom(),
                o.from(),
                o.recipients(),
                o.subject(),
                raw,
                o.size(),
                o.status(),
                o.queuedAt())) {
            s.executeUpdate();
        }
    }

    public Optional<Outbound> find(String id) {
        return db.optional("SELECT " + COLUMNS + " FROM outbound WHERE id = ?", OutboundStore::outbound, id);
    }

    public Optional<byte[]> raw(String id) {
        return db.optional("SELECT raw FROM outbound WHERE id = ?", r -> r.getBytes(1), id);
    }

    public List<Attempt> attempts(String id) {
        return db.list(
                "SELECT n, at, outcome, answer, refused FROM outbound_attempt WHERE outbound_id = ? ORDER BY n",
                r -> new Attempt(r.getInt(1), Sql.instant(r, "at"), r.getString(3), r.getString(4), texts(r, 5)),
                id);
    }

    /**
     * A page, newest first: of one app ({@code appId} non-null) or of all, in one status or any; {@code cursor} is
     * the id of the last message of the previous page.
     */
    public List<Outbound> list(String appId, String status, int limit, String cursor) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM outbound WHERE true");
        List<Object> params = new ArrayList<>();
        if (appId != null) {
            sql.append(" AND app_id = ?");
            params.add(appId);
        }
        if (status != null) {
            sql.append(" AND status = ?");
            params.add(status);
        }
        if (cursor != null) {
            sql.append(" AND (queued_at, id) < (SELECT queued_at, id FROM outbound WHERE id = ?)");
            params.add(cursor);
        }
        sql.append(" ORDER BY queued_at DESC, id DESC LIMIT ?");
        params.add(limit);
        return db.list(sql.toString(), OutboundStore::outbound, params.toArray());
    }

    /**
     * Claims attempt {@code attempts + 1}: status {@code sending} with a lease until {@code leaseUntil}, committed
     * before the relay is contacted (a crash mid-attempt still counts it). Empty when delivery ended or another
     * worker holds an unexpired lease.
     */
    Optional<Outbound> claim(String id, Instant now, Instant leaseUntil) {
        return db.optional(
                "UPDATE outbound SET status = 'sending', attempts = attempts + 1, next_attempt_at = ?"
                        + " WHERE id = ? AND (status IN ('queued', 'retrying')"
                        + " OR (status = 'sending' AND (next_attempt_at IS NULL OR next_attempt_at <= ?)))"
                        + " RETURNING " + COLUMNS,
                OutboundStore::outbound,
                leaseUntil,
                id,
                now);
    }

    /**
     * Extends the lease of attempt {@code attempt} while its worker still talks to the relay; false when the row is no
     * longer that worker's (it finished, or another worker claimed it after the lease ran out).
     */
    boolean renewLease(String id, int attempt, Instant leaseUntil) {
        return db.update(
                        "UPDATE outbound SET next_attempt_at = ? WHERE id = ? AND status = 'sending' AND attempts = ?",
                        leaseUntil,
                        id,
                        attempt)
                == 1;
    }

    /** Puts a message back in the queue without counting an attempt (no relay yet). */
    void waitForRelay(String id, String answer, Instant next) {
        db.update(
                "UPDATE outbound SET status = 'queued', answer = ?, next_attempt_at = ?"
                        + " WHERE id = ? AND status NOT IN ('sent', 'failed')",
                answer,
                next,
                id);
    }

    /** Records attempt {@code n}'s outcome and the row's new state in one transaction. */
    void finishAttempt(
            Outbound o,
            String outcome,
            String answer,
            List<String> refused,
            String status,
            Instant at,
            Instant next,
            String instance) {
        db.inTransaction(c -> {
            try (PreparedStatement s = Sql.prepare(
                    c,
                    "INSERT INTO outbound_attempt (outbound_id, n, at, outcome, answer, refused, instance)"
                            + " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (outbound_id, n) DO UPDATE"
                            + " SET at = excluded.at, outcome = excluded.outcome, answer = excluded.answer,"
                            + " refused = excluded.refused, instance = excluded.instance",
                    o.id(),
                    o.attempts(),
                    at,
                    outcome,
                    answer,
                    refused,
                    instance)) {
                s.executeUpdate();
            }
            boolean ended = status.equals(Outbound.SENT) || status.equals(Outbound.FAILED);
            try (PreparedStatement s = Sql.prepare(
                    c,
                    "UPDATE outbound SET status = ?, answer = ?, next_attempt_at = ?, finished_at = ? WHERE id = ?",
                    status,
                    answer,
                    next,
                    ended ? at : null,
                    o.id())) {
                s.executeUpdate();
            }
            return null;
        });
    }

    /**
     * A received message of {@code mailbox} by its public id (the inbox entry of V1's tables {@code inbox} and
     * {@code message}); empty when there is none.
     */
    Optional<StoredMessage> message(String id, String mailbox) {
        return db.optional(
                "SELECT i.entry_id, i.mailbox, m.raw, m.message_id_header FROM inbox i"
                        + " JOIN message m ON m.message_id = i.message_id WHERE i.entry_id = ? AND i.mailbox = ?",
                r -> new StoredMessage(r.getString(1), r.getString(2), r.getBytes(3), r.getString(4)),
                id,
                mailbox);
    }

    /** A received message by its public id alone (a bounce names the inbox entry it answers). */
    Optional<StoredMessage> message(String id) {
        return db.optional(
                "SELECT i.entry_id, i.mailbox, m.raw, m.message_id_header FROM inbox i"
                        + " JOIN message m ON m.message_id = i.message_id WHERE i.entry_id = ?",
                r -> new StoredMessage(r.getString(1), r.getString(2), r.getBytes(3), r.getString(4)),
                id);
    }

    private static Outbound outbound(ResultSet r) throws SQLException {
        return new Outbound(
                r.getString(1),
                r.getString(2),
                r.getString(3),
                r.getString(4),
                r.getString(5),
                r.getString(6),
                texts(r, 7),
                r.getString(8),
                r.getLong(9),
                r.getString(10),
                r.getInt(11),
                r.getString(12),
                Sql.instant(r, "queued_at"),
                Sql.instant(r, "next_attempt_at"),
                Sql.instant(r, "finished_at"));
    }

    private static List<String> texts(ResultSet r, int column) throws SQLException {
        Array array = r.getArray(column);
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }
}
