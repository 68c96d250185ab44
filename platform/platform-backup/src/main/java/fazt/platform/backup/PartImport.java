package fazt.platform.backup;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;

/**
 * Loads a {@link SchemaPart} into the schema {@code c} reaches, inside the transaction {@code c} is in: the caller
 * commits when this returns and rolls back when it throws, so a part goes in whole or not at all. Every table and
 * column the part names must exist in the schema (names are never taken from the part into SQL unchecked); a table
 * the part lacks (added by a later migration) stays empty, a column it lacks takes its default.
 */
final class PartImport {
    private static final int BATCH = 1024 * 1024;

    private PartImport() {}

    /** Imports {@code in}; returns the rows loaded per table. */
    static Map<String, Long> load(
            Connection c,
            String service,
            String schema,
            String ownVersion,
            InputStream in,
            boolean replace,
            Set<String> notData)
            throws SQLException, IOException {
        PartLines lines = new PartLines(in);
        String[] header = lines.text().split(" ");
        if (header.length != 4 || !header[0].equals(SchemaPart.MAGIC)) {
            throw new PartRefused(PartRefused.MALFORMED, "the part does not start with a fazt schema part header");
        }
        if (!header[1].equals(String.valueOf(SchemaPart.FORMAT))) {
            throw new PartRefused(
                    PartRefused.NEWER, "the part has format " + header[1] + "; this build reads " + SchemaPart.FORMAT);
        }
        if (!header[2].equals(service)) {
            throw new PartRefused(
                    PartRefused.WRONG_SERVICE, "the part belongs to " + header[2] + ", not to " + service);
        }
        refuseNewer(header[3], ownVersion);
        List<String> tables = SchemaCatalog.tablesInLoadOrder(c, schema, notData);
        clear(c, schema, tables, replace);
        Set<String> sequences = allSequences(c, schema);
        CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
        Map<String, Long> loaded = new LinkedHashMap<>();
        while (true) {
            String[] line = lines.text().split(" ", 3);
            switch (line[0]) {
                case SchemaPart.TABLE -> {
                    String table = line.length > 1 ? line[1] : "";
                    if (!tables.contains(table) || loaded.containsKey(table)) {
                        throw new PartRefused(
                                PartRefused.MALFORMED,
                                "the part names table " + table + ", which " + schema
                                        + " does not have (or names twice)");
                    }
                    List<String> columns = List.of(line.length > 2 ? line[2].split(",") : new String[0]);
                    List<String> known = SchemaCatalog.columns(c, schema, table);
                    if (columns.isEmpty() || !known.containsAll(columns)) {
                        throw new PartRefused(
                                PartRefused.MALFORMED, "the part's columns of " + table + " are not all in " + schema);
                    }
                    long rows = copyIn(copy, schema, table, columns, lines);
                    String[] count = lines.text().split(" ");
                    if (count.length != 2
                            || !count[0].equals(SchemaPart.ROWS)
                            || !count[1].equals(String.valueOf(rows))) {
                        throw new PartRefused(
                                PartRefused.MALFORMED, "the part's row count of " + table + " does not match its rows");
                    }
                    loaded.put(table, rows);
                }
                case SchemaPart.SEQUENCE -> {
                    if (line.length != 3 || !sequences.contains(line[1])) {
                        throw new PartRefused(PartRefused.MALFORMED, "the part names an unknown sequence");
                    }
                    try (PreparedStatement s = c.prepareStatement("SELECT setval(?::regclass, ?, true)")) {
                        s.setString(1, SchemaCatalog.quoted(schema) + "." + SchemaCatalog.quoted(line[1]));
                        s.setLong(2, Long.parseLong(line[2]));
                        s.execute();
                    } catch (NumberFormatException e) {
                        throw new PartRefused(PartRefused.MALFORMED, "the part's sequence value is not a number");
                    }
                }
                case SchemaPart.END -> {
                    if (line.length != 2 || !line[1].equals(String.valueOf(loaded.size())) || lines.next() != null) {
                        throw new PartRefused(PartRefused.MALFORMED, "the part's end line does not match its tables");
                    }
                    return loaded;
                }
                default -> throw new PartRefused(PartRefused.MALFORMED, "the part has an unknown line: " + line[0]);
            }
        }
    }

    /** Refuses a part from a newer schema than {@code ownVersion}. */
    static void refuseNewer(String partVersion, String ownVersion) {
        try {
            if (SchemaCatalog.compareVersions(partVersion, ownVersion) > 0) {
                throw new PartRefused(
                        PartRefused.NEWER,
                        "the part was written at schema version " + partVersion + ", newer than this build's "
                                + ownVersion + "; restore it with the fazt version that wrote it or a later one");
            }
        } catch (NumberFormatException e) {
            throw new PartRefused(PartRefused.MALFORMED, "the part's schema version is not a version: " + partVersion);
        }
    }

    private static void clear(Connection c, String schema, List<String> tables, boolean replace) throws SQLException {
        List<String> holding = new ArrayList<>();
        try (Statement s = c.createStatement()) {
            for (String table : tables.reversed()) {
                String name = SchemaCatalog.quoted(schema) + "." + SchemaCatalog.quoted(table);
                if (replace) {
                    s.executeUpdate("DELETE FROM " + name);
                } else {
                    try (ResultSet r = s.executeQuery("SELECT EXISTS (SELECT 1 FROM " + name + ")")) {
                        r.next();
                        if (r.getBoolean(1)) {
                            holding.add(table);
                        }
                    }
                }
            }
        }
        if (!holding.isEmpty()) {
            throw new PartRefused(
                    PartRefused.NOT_EMPTY,
                    "schema " + schema + " already holds rows in " + holding.reversed()
                            + "; restore into an empty installation");
        }
    }

    private static Set<String> allSequences(Connection c, String schema) throws SQLException {
        Set<String> names = new HashSet<>();
        try (PreparedStatement s = c.prepareStatement("SELECT sequencename FROM pg_sequences WHERE schemaname = ?")) {
            s.setString(1, schema);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    names.add(r.getString(1));
                }
            }
        }
        return names;
    }

    private static long copyIn(CopyManager copy, String schema, String table, List<String> columns, PartLines lines)
            throws SQLException, IOException {
        CopyIn in = copy.copyIn("COPY " + SchemaCatalog.quoted(schema) + "." + SchemaCatalog.quoted(table) + " ("
                + String.join(", ", columns.stream().map(SchemaCatalog::quoted).toList()) + ") FROM STDIN");
        try {
            ByteArrayOutputStream batch = new ByteArrayOutputStream(BATCH + 4096);
            while (true) {
                byte[] line = lines.next();
                if (line == null) {
                    throw new PartRefused(PartRefused.MALFORMED, "the part ends inside the rows of " + table);
                }
                if (line.length == 2 && line[0] == '\\' && line[1] == '.') {
                    break;
                }
                batch.write(line);
                batch.write('\n');
                if (batch.size() >= BATCH) {
                    in.writeToCopy(batch.toByteArray(), 0, batch.size());
                    batch.reset();
                }
            }
            if (batch.size() > 0) {
                in.writeToCopy(batch.toByteArray(), 0, batch.size());
            }
            return in.endCopy();
        } finally {
            if (in.isActive()) {
                in.cancelCopy();
            }
        }
    }
}
