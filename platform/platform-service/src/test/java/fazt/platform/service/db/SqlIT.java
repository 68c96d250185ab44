package fazt.platform.service.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import fazt.platform.test.TestPostgres;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link Sql} against a real PostgreSQL: commit, rollback, the one error policy and the serialization retry. */
class SqlIT {
    private static TestPostgres postgres;
    private static HikariDataSource pool;
    private static Sql sql;

    @BeforeAll
    static void start() throws SQLException {
        postgres = TestPostgres.fresh();
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(postgres.url());
        config.setUsername(postgres.adminUser());
        config.setPassword(postgres.adminPassword());
        config.setMaximumPoolSize(3);
        pool = new HikariDataSource(config);
        sql = new Sql(pool);
        // This tests the helper, not a service: there is no schema to migrate, so the scratch table is made here.
        try (var c = postgres.connect();
                Statement s = c.createStatement()) {
            s.execute("CREATE TABLE item (id text PRIMARY KEY, at timestamptz, tags text[], n int)");
            s.execute("CREATE TABLE duty (doctor text PRIMARY KEY, on_call boolean NOT NULL)");
        }
    }

    @AfterAll
    static void stop() {
        if (pool != null) {
            pool.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @BeforeEach
    void empty() {
        sql.update("DELETE FROM item");
        sql.update("DELETE FROM duty");
    }

    @Test
    void aTransactionCommitsWhatItsWorkDid() {
        int inserted = sql.inTransaction(c -> insert(c, "a") + insert(c, "b"));

        assertThat(inserted).isEqualTo(2);
        assertThat(ids()).containsExactly("a", "b");
    }

    @Test
    void aTransactionRollsBackWhenItsWorkThrowsAndTheExceptionPassesUnchanged() {
        IllegalArgumentException refused = new IllegalArgumentException("refused");

        assertThatThrownBy(() -> sql.inTransaction(c -> {
                    insert(c, "a");
                    throw refused;
                }))
                .isSameAs(refused);
        assertThat(ids()).isEmpty();
    }

    @Test
    void aFailingStatementRollsBackTheTransactionAndBecomesADataAccessExceptionWithItsState() {
        assertThatThrownBy(() -> sql.inTransaction(c -> {
                    insert(c, "a");
                    try (Statement s = c.createStatement()) {
                        return s.executeQuery("SELECT 1 / 0");
                    }
                }))
                .isInstanceOfSatisfying(DataAccessException.class, e -> {
                    assertThat(e.sqlState()).isEqualTo("22012");
                    assertThat(e.getMessage()).isEqualTo("database failure sqlState=22012");
                    assertThat(e.retryable()).isFalse();
                });
        assertThat(ids()).isEmpty();
    }

    @Test
    void aUniqueViolationIsRecognisedByItsStateAndTheMessageNamesNoValue() {
        sql.update("INSERT INTO item (id) VALUES (?)", "secret-id");

        assertThatThrownBy(() -> sql.update("INSERT INTO item (id) VALUES (?)", "secret-id"))
                .isInstanceOfSatisfying(DataAccessException.class, e -> {
                    assertThat(e.is(SqlState.UNIQUE_VIOLATION)).isTrue();
                    assertThat(e.is(SqlState.SERIALIZATION_FAILURE)).isFalse();
                    assertThat(e.getMessage()).doesNotContain("secret-id");
                });
    }

    @Test
    void statementsBindInstantsListsAndNullsAndMapRows() {
        Instant at = Instant.parse("2026-01-02T03:04:05.123456Z");
        sql.update("INSERT INTO item (id, at, tags, n) VALUES (?, ?, ?, ?)", "a", at, List.of("x", "y"), 7);
        sql.update("INSERT INTO item (id, at, tags, n) VALUES (?, ?, ?, ?)", "b", null, List.of(), null);

        Instant stored = sql.one("SELECT at FROM item WHERE id = ?", r -> Sql.instant(r, "at"), "a");
        assertThat(stored).isEqualTo(at);
        Instant none = sql.one("SELECT at FROM item WHERE id = ?", r -> Sql.instant(r, "at"), "b");
        assertThat(none).isNull();
        assertThat(sql.optional("SELECT at FROM item WHERE id = ?", r -> Sql.instant(r, "at"), "b"))
                .isEmpty();
        assertThat(sql.optional("SELECT n FROM item WHERE id = ?", r -> r.getInt(1), "a"))
                .contains(7);
        assertThat(sql.optional("SELECT n FROM item WHERE id = ?", r -> r.getInt(1), "missing"))
                .isEmpty();
        assertThat(sql.list(
                        "SELECT id FROM item WHERE ? = ANY (tags) OR n IS NULL ORDER BY id", r -> r.getString(1), "y"))
                .containsExactly("a", "b");
        assertThatThrownBy(() -> sql.one("SELECT id FROM item WHERE id = ?", r -> r.getString(1), "missing"))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aSnapshotIsReadOnlyAndLeavesThePooledConnectionsWritable() {
        sql.update("INSERT INTO item (id) VALUES ('a')");

        int seen = sql.inSnapshot(SqlIT::count);
        assertThat(seen).isEqualTo(1);
        assertThatThrownBy(() -> sql.inSnapshot(c -> insert(c, "b")))
                .isInstanceOfSatisfying(
                        DataAccessException.class, e -> assertThat(e.sqlState()).isEqualTo("25006"));
        for (int i = 0; i < 4; i++) { // more transactions than pooled connections
            String id = "w" + i;
            sql.inTransaction(c -> insert(c, id));
        }
        assertThat(ids()).hasSize(5);
    }

    /**
     * Write skew, PostgreSQL's textbook serialization failure: two doctors on call, each transaction sees both on call
     * and takes its own off. Both read before either writes (the barrier), so SERIALIZABLE aborts one with 40001; the
     * retry runs it again, now after the other committed, and it sees one doctor on call and leaves it.
     */
    @Test
    void aSerializableTransactionAbortedByPostgresqlRunsAgainAndSucceeds() throws Exception {
        sql.update("INSERT INTO duty (doctor, on_call) VALUES ('alice', true), ('bob', true)");
        CyclicBarrier bothRead = new CyclicBarrier(2);
        AtomicInteger runs = new AtomicInteger();
        try (ExecutorService threads = Executors.newFixedThreadPool(2)) {
            List<Future<Boolean>> offDuty = List.of("alice", "bob").stream()
                    .map(doctor -> threads.submit(() -> sql.inSerializableTransaction(c -> {
                        int run = runs.incrementAndGet();
                        int onCall = onCall(c);
                        if (run <= 2) {
                            await(bothRead);
                        }
                        if (onCall < 2) {
                            return false;
                        }
                        try (PreparedStatement s =
                                c.prepareStatement("UPDATE duty SET on_call = false WHERE doctor = ?")) {
                            s.setString(1, doctor);
                            s.executeUpdate();
                        }
                        return true;
                    })))
                    .toList();

            assertThat(List.of(offDuty.get(0).get(), offDuty.get(1).get())).containsExactlyInAnyOrder(true, false);
        }
        assertThat(runs.get()).isGreaterThanOrEqualTo(3);
        int stillOnCall = sql.one("SELECT count(*) FROM duty WHERE on_call", r -> r.getInt(1));
        assertThat(stillOnCall).isEqualTo(1);
    }

    @Test
    void aSerializationFailureIsRetriedAtMostMaxAttemptsTimesThenPasses() {
        AtomicInteger runs = new AtomicInteger();

        assertThatThrownBy(() -> sql.inSerializableTransaction(c -> {
                    runs.incrementAndGet();
                    throw new SQLException("could not serialize access", SqlState.SERIALIZATION_FAILURE.code());
                }))
                .isInstanceOfSatisfying(DataAccessException.class, e -> assertThat(e.retryable())
                        .isTrue());
        assertThat(runs).hasValue(SerializationRetry.MAX_ATTEMPTS);
    }

    @Test
    void onlySerializableTransactionsRetryAndOnlyOnATransientFailure() {
        AtomicInteger runs = new AtomicInteger();

        assertThatThrownBy(() -> sql.inSerializableTransaction(c -> {
                    runs.incrementAndGet();
                    throw new SQLException("duplicate", SqlState.UNIQUE_VIOLATION.code());
                }))
                .isInstanceOf(DataAccessException.class);
        assertThatThrownBy(() -> sql.inTransaction(c -> {
                    runs.incrementAndGet();
                    throw new SQLException("deadlock", SqlState.DEADLOCK_DETECTED.code());
                }))
                .isInstanceOfSatisfying(DataAccessException.class, e -> assertThat(e.retryable())
                        .isTrue());
        assertThat(runs).hasValue(2);
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("the other transaction never read", e);
        }
    }

    private static int insert(Connection c, String id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO item (id) VALUES (?)")) {
            s.setString(1, id);
            return s.executeUpdate();
        }
    }

    private static int count(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT count(*) FROM item")) {
            r.next();
            return r.getInt(1);
        }
    }

    private static int onCall(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT count(*) FROM duty WHERE on_call")) {
            r.next();
            return r.getInt(1);
        }
    }

    private static List<String> ids() {
        return sql.list("SELECT id FROM item ORDER BY id", r -> r.getString(1));
    }
}
