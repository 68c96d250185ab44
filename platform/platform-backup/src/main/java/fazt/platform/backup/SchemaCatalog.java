package fazt.platform.backup;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * What a backup needs to know about one schema, read from PostgreSQL's catalog on the service's own connection: its
 * tables with parents before children (by their foreign keys), each table's stored columns, its sequences and the
 * Flyway version it is at. Flyway's history and the platform's {@code instance} table are not data: the target's
 * own migrations and instances fill them.
 */
final class SchemaCatalog {
    /** Tables that describe the running installation, not its data. */
    static final Set<String> NOT_DATA = Set.of("flyway_schema_history", "instance");

    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    private SchemaCatalog() {}

    /** {@code name} when it is a plain lower-case SQL identifier, quoted; fails otherwise. */
    static String quoted(String name) {
        if (name == null || !IDENTIFIER.matcher(name).matches()) {
            throw new IllegalArgumentException("not a plain identifier: " + name);
        }
        return "\"" + name + "\"";
    }

    static boolean isIdentifier(String name) {
        return name != null && IDENTIFIER.matcher(name).matches();
    }

    /** The data tables of {@code schema}, each parent before the tables whose foreign keys point at it. */
    static List<String> tablesInLoadOrder(Connection c, String schema, Set<String> notData) throws SQLException {
        Set<String> tables = new TreeSet<>();
        try (PreparedStatement s =
                c.prepareStatement("SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                        + " WHERE n.nspname = ? AND c.relkind IN ('r', 'p') AND NOT c.relispartition")) {
            s.setString(1, schema);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    if (!NOT_DATA.contains(r.getString(1)) && !notData.contains(r.getString(1))) {
                        tables.add(r.getString(1));
                    }
                }
            }
        }
        Map<String, Set<String>> parents = new HashMap<>();
        try (PreparedStatement s = c.prepareStatement("SELECT child.relname, parent.relname FROM pg_constraint k"
                + " JOIN pg_class child ON child.oid = k.conrelid JOIN pg_class parent ON parent.oid = k.confrelid"
                + " JOIN pg_namespace n ON n.oid = child.relnamespace WHERE k.contype = 'f' AND n.nspname = ?")) {
            s.setString(1, schema);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    String child = r.getString(1);
                    String parent = r.getString(2);
                    if (!child.equals(parent) && tables.contains(parent)) {
                        parents.computeIfAbsent(child, k -> new HashSet<>()).add(parent);
                    }
                }
            }
        }
        List<String> ordered = new ArrayList<>();
        Set<String> left = new TreeSet<>(tables);
        while (!left.isEmpty()) {
            String next = left.stream()
                    .filter(t -> ordered.containsAll(parents.getOrDefault(t, Set.of())))
                    .findFirst()
                    .orElseThrow(() -> new SQLException("the foreign keys of schema " + schema + " form a cycle among "
                            + left + "; a backup cannot order them"));
            ordered.add(next);
            left.remove(next);
        }
        return ordered;
    }

    /** The columns of {@code table} that hold stored values (not generated ones), in table order. */
    static List<String> columns(Connection c, String schema, String table) throws SQLException {
        List<String> columns = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT a.attname FROM pg_attribute a"
                + " JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace"
                + " WHERE n.nspname = ? AND c.relname = ? AND a.attnum > 0 AND NOT a.attisdropped"
                + " AND a.attgenerated = '' ORDER BY a.attnum")) {
            s.setString(1, schema);
            s.setString(2, table);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    columns.add(r.getString(1));
                }
            }
        }
        return columns;
    }

    /** Each sequence of {@code schema} that was used, with its last value. */
    static Map<String, Long> sequences(Connection c, String schema) throws SQLException {
        Map<String, Long> sequences = new LinkedHashMap<>();
        try (PreparedStatement s = c.prepareStatement("SELECT sequencename, last_value FROM pg_sequences"
                + " WHERE schemaname = ? AND last_value IS NOT NULL ORDER BY sequencename")) {
            s.setString(1, schema);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    sequences.put(r.getString(1), r.getLong(2));
                }
            }
        }
        return sequences;
    }

    /** The version of the last successful Flyway migration of {@code schema}, or empty before any. */
    static Optional<String> schemaVersion(Connection c, String schema) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "SELECT version FROM " + quoted(schema)
                        + ".flyway_schema_history WHERE success AND version IS NOT NULL ORDER BY installed_rank DESC LIMIT 1")) {
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(r.getString(1)) : Optional.empty();
            }
        }
    }

    /** Compares two Flyway versions ({@code 8}, {@code 0.1}) part by part, numerically. */
    static int compareVersions(String a, String b) {
        String[] x = a.split("[._]");
        String[] y = b.split("[._]");
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            long p = i < x.length ? Long.parseLong(x[i]) : 0;
            long q = i < y.length ? Long.parseLong(y[i]) : 0;
            if (p != q) {
                return Long.compare(p, q);
            }
        }
        return 0;
    }
}
