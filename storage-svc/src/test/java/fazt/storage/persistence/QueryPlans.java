package fazt.storage.persistence;

import com.fasterxml.jackson.databind.JsonNode;
import fazt.storage.domain.documents.QueryParser;
import fazt.storage.domain.documents.Sort;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.StringJoiner;

/** Test access to the SQL the document store runs: {@code EXPLAIN ANALYZE} of a find, for benchmarks. */
public final class QueryPlans {
    private QueryPlans() {}

    /** The plan (with timings) of a find of {@code limit} documents; the connection's search path must be storage. */
    public static String explainFind(
            Connection c, String app, String collection, JsonNode query, JsonNode sort, int limit) throws Exception {
        FilterSql where = new FilterSql()
                .append("app_id = ? AND collection = ? AND ")
                .filter(QueryParser.parse("query", query))
                .orderBy(Sort.parse(sort))
                .append(" LIMIT ?");
        return explain(c, "SELECT body::text FROM document WHERE " + where.sql(), where, app, collection, limit);
    }

    public static String explainCount(Connection c, String app, String collection, JsonNode query) throws Exception {
        FilterSql where =
                new FilterSql().append("app_id = ? AND collection = ? AND ").filter(QueryParser.parse("query", query));
        return explain(c, "SELECT count(*) FROM document WHERE " + where.sql(), where, app, collection, null);
    }

    private static String explain(
            Connection c, String sql, FilterSql where, String app, String collection, Integer limit) throws Exception {
        try (PreparedStatement s = c.prepareStatement("EXPLAIN (ANALYZE, BUFFERS) " + sql)) {
            s.setString(1, app);
            s.setString(2, collection);
            int next = where.bind(c, s, 3);
            if (limit != null) {
                s.setInt(next, limit);
            }
            StringJoiner plan = new StringJoiner("\n");
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    plan.add(r.getString(1));
                }
            }
            return plan.toString();
        }
    }
}
