package fazt.storage.domain.documents;

import com.fasterxml.jackson.databind.JsonNode;
import fazt.storage.domain.StorageException;
import fazt.storage.domain.documents.Filter.Operator;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Turns a wire query into a {@link Filter}, refusing anything malformed with a 400 problem that names the operator
 * or field at fault ({@code query.age.$gt}). Keys are field paths or {@code $and}/{@code $or}; a field's value is
 * either a literal (implicit {@code $eq}) or an object of operators.
 */
public final class QueryParser {
    public static final int MAX_CONDITIONS = 256;
    public static final int MAX_DEPTH = 8;
    public static final int MAX_IN_VALUES = 1000;

    private int conditions;

    private QueryParser() {}

    /** Parses {@code query} (null or {@code {}}: all documents); {@code field} names it in problems. */
    public static Filter parse(String field, JsonNode query) {
        if (query == null || query.isNull() || query.isMissingNode()) {
            return new Filter.All();
        }
        return new QueryParser().object(field, query, 0);
    }

    private Filter object(String field, JsonNode query, int depth) {
        if (!query.isObject()) {
            throw new StorageException.InvalidQuery(field, "must be a JSON object");
        }
        if (depth > MAX_DEPTH) {
            throw new StorageException.InvalidQuery(field, "nests $and/$or deeper than " + MAX_DEPTH);
        }
        List<Filter> parts = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = query.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String key = e.getKey();
            String at = field + "." + key;
            switch (key) {
                case "$and" -> parts.add(new Filter.And(list(at, e.getValue(), depth)));
                case "$or" -> parts.add(new Filter.Or(list(at, e.getValue(), depth)));
                default -> {
                    if (key.startsWith("$")) {
                        throw new StorageException.InvalidQuery(
                                at,
                                "is not a query operator here (use $and or $or"
                                        + " at this level, or put comparison operators under a field)");
                    }
                    parts.addAll(field(at, FieldPath.parse(at, key), e.getValue()));
                }
            }
        }
        if (parts.isEmpty()) {
            return new Filter.All();
        }
        return parts.size() == 1 ? parts.getFirst() : new Filter.And(parts);
    }

    private List<Filter> list(String field, JsonNode value, int depth) {
        if (!value.isArray() || value.isEmpty()) {
            throw new StorageException.InvalidQuery(field, "must be a non-empty array of queries");
        }
        List<Filter> parts = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            parts.add(object(field + "[" + i + "]", value.get(i), depth + 1));
        }
        return parts;
    }

    private List<Filter> field(String field, FieldPath path, JsonNode value) {
        if (!isOperatorObject(field, value)) {
            return List.of(condition(field, path, Operator.EQ, value));
        }
        List<Filter> parts = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String at = field + "." + e.getKey();
            Operator op = Operator.of(e.getKey());
            if (op == null) {
                throw new StorageException.InvalidQuery(
                        at, "is not a known operator (use $eq $ne $gt $gte $lt $lte" + " $in $nin $exists $contains)");
            }
            parts.add(condition(at, path, op, e.getValue()));
        }
        return parts;
    }

    /** An object whose keys all start with {@code $} holds operators; one mixing both is ambiguous. */
    private static boolean isOperatorObject(String field, JsonNode value) {
        if (!value.isObject() || value.isEmpty()) {
            return false;
        }
        int operators = 0;
        for (Iterator<String> it = value.fieldNames(); it.hasNext(); ) {
            if (it.next().startsWith("$")) {
                operators++;
            }
        }
        if (operators != 0 && operators != value.size()) {
            throw new StorageException.InvalidQuery(field, "mixes operators and field names in one object");
        }
        return operators > 0;
    }

    private Filter condition(String field, FieldPath path, Operator op, JsonNode operand) {
        if (++conditions > MAX_CONDITIONS) {
            throw new StorageException.InvalidQuery(
                    field, "makes the query longer than " + MAX_CONDITIONS + " conditions");
        }
        switch (op) {
            case EQ, NE -> {}
            case GT, GTE, LT, LTE -> {
                if (!operand.isNumber() && !operand.isTextual()) {
                    throw new StorageException.InvalidQuery(field, "needs a number or a string");
                }
            }
            case IN, NIN -> {
                if (!operand.isArray()) {
                    throw new StorageException.InvalidQuery(field, "needs an array of values");
                }
                if (operand.size() > MAX_IN_VALUES) {
                    throw new StorageException.InvalidQuery(field, "has more than " + MAX_IN_VALUES + " values");
                }
            }
            case EXISTS -> {
                if (!operand.isBoolean()) {
                    throw new StorageException.InvalidQuery(field, "needs true or false");
                }
            }
            case CONTAINS -> {
                if (!operand.isValueNode() || operand.isNull()) {
                    throw new StorageException.InvalidQuery(field, "needs a string, number or boolean");
                }
            }
        }
        return new Filter.Condition(path, op, operand);
    }
}
