package fazt.storage.persistence;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fazt.storage.domain.documents.FieldPath;
import fazt.storage.domain.documents.Filter;
import fazt.storage.domain.documents.Sort;
import fazt.storage.domain.documents.SortPosition;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Translates a {@link Filter}, a {@link Sort} and a keyset position into SQL over {@code document.body}. Values and
 * field paths only ever travel as bind parameters (paths as {@code text[]}); the SQL text is built from fixed
 * fragments. Equality, {@code $in} and array {@code $contains} on scalars become {@code body @> '{"a":{"b":v}}'},
 * which the GIN (jsonb_path_ops) index answers and which is exact there: nested containment of a scalar matches
 * that scalar only. Ordering operators compare only values of the operand's type: numbers numerically, strings
 * byte-wise (collation "C").
 */
final class FilterSql {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** One bind parameter. */
    private sealed interface Param {
        void bind(Connection c, PreparedStatement s, int index) throws SQLException;
    }

    private record Text(String value) implements Param {
        public void bind(Connection c, PreparedStatement s, int index) throws SQLException {
            s.setString(index, value);
        }
    }

    private record Path(List<String> segments) implements Param {
        public void bind(Connection c, PreparedStatement s, int index) throws SQLException {
            s.setArray(index, c.createArrayOf("text", segments.toArray()));
        }
    }

    private final StringBuilder sql = new StringBuilder();
    private final List<Param> params = new ArrayList<>();

    String sql() {
        return sql.toString();
    }

    /** Appends plain SQL (fixed text only, never a value). */
    FilterSql append(String fixed) {
        sql.append(fixed);
        return this;
    }

    FilterSql text(String value) {
        sql.append('?');
        params.add(new Text(value));
        return this;
    }

    private FilterSql jsonb(JsonNode value) {
        sql.append("?::jsonb");
        params.add(new Text(value.toString()));
        return this;
    }

    /** {@code body #> path}: the value at the path, SQL NULL when there is none. */
    private FilterSql at(FieldPath path) {
        sql.append("(body #> ?::text[])");
        params.add(new Path(path.segments()));
        return this;
    }

    /** Binds every parameter, from index {@code first}; returns the next free index. */
    int bind(Connection c, PreparedStatement s, int first) throws SQLException {
        int index = first;
        for (Param p : params) {
            p.bind(c, s, index++);
        }
        return index;
    }

    FilterSql filter(Filter filter) {
        switch (filter) {
            case Filter.All all -> append("TRUE");
            case Filter.And and -> join(and.parts(), " AND ");
            case Filter.Or or -> join(or.parts(), " OR ");
            case Filter.Condition c -> condition(c.path(), c.operator(), c.operand());
        }
        return this;
    }

    private void join(List<Filter> parts, String operator) {
        append("(");
        for (int i = 0; i < parts.size(); i++) {
            if (i > 0) {
                append(operator);
            }
            filter(parts.get(i));
        }
        append(")");
    }

    private void condition(FieldPath path, Filter.Operator op, JsonNode operand) {
        switch (op) {
            case EQ -> equal(path, operand);
            case NE -> {
                append("NOT COALESCE(");
                equal(path, operand);
                append(", FALSE)");
            }
            case GT -> order(path, operand, ">");
            case GTE -> order(path, operand, ">=");
            case LT -> order(path, operand, "<");
            case LTE -> order(path, operand, "<=");
            case IN -> in(path, operand);
            case NIN -> {
                append("NOT COALESCE(");
                in(path, operand);
                append(", FALSE)");
            }
            case EXISTS -> at(path).append(operand.asBoolean() ? " IS NOT NULL" : " IS NULL");
            case CONTAINS -> contains(path, operand);
        }
    }

    private void equal(FieldPath path, JsonNode value) {
        if (value.isNull()) {
            // null matches a null value and a missing field alike.
            append("(").at(path).append(" IS NULL OR ").at(path).append(" = 'null'::jsonb)");
        } else if (path.text().equals("_id") && value.isTextual()) {
            append("id = ").text(value.asText());
        } else if (value.isValueNode() && !path.hasIndexSegment()) {
            append("body @> ").jsonb(nest(path, value));
        } else {
            append("(").at(path).append(" = ").jsonb(value).append(")");
        }
    }

    private void order(FieldPath path, JsonNode value, String operator) {
        if (value.isNumber()) {
            append("(jsonb_typeof")
                    .at(path)
                    .append(" = 'number' AND ")
                    .at(path)
                    .append(" " + operator + " ")
                    .jsonb(value)
                    .append(")");
        } else {
            append("(jsonb_typeof")
                    .at(path)
                    .append(" = 'string' AND (")
                    .at(path)
                    .append(" #>> '{}') COLLATE \"C\" " + operator + " ")
                    .text(value.asText())
                    .append(")");
        }
    }

    private void in(FieldPath path, JsonNode values) {
        if (values.isEmpty()) {
            append("FALSE");
            return;
        }
        append("(");
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                append(" OR ");
            }
            equal(path, values.get(i));
        }
        append(")");
    }

    private void contains(FieldPath path, JsonNode value) {
        ArrayNode element = NODES.arrayNode().add(value);
        append("(");
        if (path.hasIndexSegment()) {
            append("COALESCE(").at(path).append(" @> ").jsonb(element).append(", FALSE)");
        } else {
            append("body @> ").jsonb(nest(path, element));
        }
        if (value.isTextual()) {
            append(" OR (jsonb_typeof")
                    .at(path)
                    .append(" = 'string' AND strpos(")
                    .at(path)
                    .append(" #>> '{}', ")
                    .text(value.asText())
                    .append(") > 0)");
        }
        append(")");
    }

    /** {@code {"a":{"b":value}}} for path {@code a.b}. */
    private static JsonNode nest(FieldPath path, JsonNode value) {
        JsonNode node = value;
        List<String> segments = path.segments();
        for (int i = segments.size() - 1; i >= 0; i--) {
            ObjectNode parent = NODES.objectNode();
            parent.set(segments.get(i), node);
            node = parent;
        }
        return node;
    }

    /** A sort key: the value at the path, a missing one as JSON null so every document has a place. */
    private FilterSql sortKey(FieldPath path) {
        append("COALESCE(").at(path).append(", 'null'::jsonb)");
        return this;
    }

    /** {@code ORDER BY} the sort's keys, then id. */
    FilterSql orderBy(Sort sort) {
        append(" ORDER BY ");
        for (Sort.Key key : sort.keys()) {
            sortKey(key.path()).append(key.descending() ? " DESC, " : " ASC, ");
        }
        append("id ASC");
        return this;
    }

    /** Rows strictly after {@code position} in the sort's order (a keyset condition). */
    FilterSql after(Sort sort, SortPosition position) {
        append("(");
        List<Sort.Key> keys = sort.keys();
        for (int i = 0; i <= keys.size(); i++) {
            if (i > 0) {
                append(" OR ");
            }
            append("(");
            for (int j = 0; j < i; j++) {
                sortKey(keys.get(j).path())
                        .append(" = ")
                        .jsonb(position.values().get(j))
                        .append(" AND ");
            }
            if (i < keys.size()) {
                sortKey(keys.get(i).path())
                        .append(keys.get(i).descending() ? " < " : " > ")
                        .jsonb(position.values().get(i));
            } else {
                append("id > ").text(position.id().value());
            }
            append(")");
        }
        append(")");
        return this;
    }
}
