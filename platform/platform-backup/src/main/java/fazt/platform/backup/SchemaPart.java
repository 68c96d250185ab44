package fazt.platform.backup;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * One schema's rows as a backup part, in a line format close to pg_dump's plain data section:
 *
 * <pre>
 * fazt-schema-part 1 &lt;service&gt; &lt;schema version&gt;
 * table &lt;name&gt; &lt;column&gt;,&lt;column&gt;,...
 * &lt;rows in COPY text format: one row a line, tabs between fields, \N for null&gt;
 * \.
 * rows &lt;count&gt;
 * ... one such section per table, parents first ...
 * sequence &lt;name&gt; &lt;last value&gt;
 * end &lt;tables&gt;
 * </pre>
 *
 * COPY's text format escapes newlines, tabs and backslashes inside values, so a row never spans lines and no row is
 * the line {@code \.}; the {@code rows} and {@code end} lines let the importer tell a cut part from a whole one.
 */
public final class SchemaPart {
    /** The first word of a part; the number after it is the format version. */
    public static final String MAGIC = "fazt-schema-part";

    public static final int FORMAT = 1;
    static final String TABLE = "table";
    static final String END_OF_ROWS = "\\.";
    static final String ROWS = "rows";
    static final String SEQUENCE = "sequence";
    static final String END = "end";

    private SchemaPart() {}

    /**
     * Writes every data table of {@code schema} to {@code out}, in the transaction {@code c} is in (so in one
     * snapshot), and returns the rows written per table.
     */
    static Map<String, Long> write(
            Connection c, String service, String schema, String schemaVersion, List<String> tables, OutputStream out)
            throws SQLException, IOException {
        CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
        line(out, MAGIC + " " + FORMAT + " " + service + " " + schemaVersion);
        Map<String, Long> rows = new java.util.LinkedHashMap<>();
        for (String table : tables) {
            List<String> columns = SchemaCatalog.columns(c, schema, table);
            line(out, TABLE + " " + table + " " + String.join(",", columns));
            long n = copy.copyOut(
                    "COPY " + SchemaCatalog.quoted(schema) + "." + SchemaCatalog.quoted(table) + " ("
                            + String.join(
                                    ", ",
                                    columns.stream().map(SchemaCatalog::quoted).toList())
                            + ") TO STDOUT",
                    out);
            line(out, END_OF_ROWS);
            line(out, ROWS + " " + n);
            rows.put(table, n);
        }
        for (Map.Entry<String, Long> sequence :
                SchemaCatalog.sequences(c, schema).entrySet()) {
            line(out, SEQUENCE + " " + sequence.getKey() + " " + sequence.getValue());
        }
        line(out, END + " " + tables.size());
        return rows;
    }

    private static void line(OutputStream out, String text) throws IOException {
        out.write((text + "\n").getBytes(StandardCharsets.UTF_8));
    }
}
