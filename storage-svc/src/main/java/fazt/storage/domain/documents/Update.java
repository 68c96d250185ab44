package fazt.storage.domain.documents;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fazt.storage.domain.StorageException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * A validated update: {@code $set} values, {@code $unset} paths and {@code $inc} amounts, each on dotted field paths,
 * none touching {@code _id} and no path under another. {@link #apply} changes one document; the store calls it on
 * each matched document while holding that document's row lock, so concurrent updates never lose one another.
 */
public record Update(List<Change> changes) {
    public static final int MAX_CHANGES = 256;
    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

    /** One change of one path. */
    public sealed interface Change {
        FieldPath path();
    }

    public record Set(FieldPath path, JsonNode value) implements Change {}

    public record Unset(FieldPath path) implements Change {}

    public record Inc(FieldPath path, JsonNode amount) implements Change {}

    public Update {
        changes = List.copyOf(changes);
    }

    public static Update parse(JsonNode update) {
        if (update == null || !update.isObject() || update.isEmpty()) {
            throw new StorageException.InvalidQuery("update", "must be an object with $set, $unset or $inc");
        }
        List<Change> changes = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = update.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String at = "update." + e.getKey();
            JsonNode body = e.getValue();
            switch (e.getKey()) {
                case "$set" -> fields(at, body).forEach(f -> changes.add(new Set(path(f.getKey(), at), f.getValue())));
                case "$inc" ->
                    fields(at, body).forEach(f -> {
                        if (!f.getValue().isNumber()) {
                            throw new StorageException.InvalidQuery(at + "." + f.getKey(), "needs a number");
                        }
                        changes.add(new Inc(path(f.getKey(), at), f.getValue()));
                    });
                case "$unset" -> {
                    if (body.isArray()) {
                        for (int i = 0; i < body.size(); i++) {
                            if (!body.get(i).isTextual()) {
                                throw new StorageException.InvalidQuery(at + "[" + i + "]", "must be a field path");
                            }
                            changes.add(new Unset(path(body.get(i).asText(), at)));
                        }
                    } else {
                        fields(at, body).forEach(f -> changes.add(new Unset(path(f.getKey(), at))));
                    }
                }
                default ->
                    throw new StorageException.InvalidQuery(
                            at, "is not an update operator (use $set, $unset" + " or $inc)");
            }
        }
        if (changes.isEmpty()) {
            throw new StorageException.InvalidQuery("update", "changes nothing");
        }
        if (changes.size() > MAX_CHANGES) {
            throw new StorageException.InvalidQuery("update", "has more than " + MAX_CHANGES + " changes");
        }
        for (int i = 0; i < changes.size(); i++) {
            for (int j = 0; j < changes.size(); j++) {
                if (i != j && changes.get(i).path().covers(changes.get(j).path())) {
                    throw new StorageException.InvalidQuery(
                            "update",
                            "changes " + changes.get(j).path() + " twice (directly or under "
                                    + changes.get(i).path() + ")");
                }
            }
        }
        return new Update(changes);
    }

    private static List<Map.Entry<String, JsonNode>> fields(String at, JsonNode body) {
        if (!body.isObject()) {
            throw new StorageException.InvalidQuery(at, "must be an object of field paths");
        }
        List<Map.Entry<String, JsonNode>> fields = new ArrayList<>();
        body.fields().forEachRemaining(fields::add);
        return fields;
    }

    private static FieldPath path(String key, String at) {
        FieldPath path = FieldPath.parse(at + "." + key, key);
        if (path.isId()) {
            throw new StorageException.InvalidQuery(at + "." + key, "cannot change _id");
        }
        return path;
    }

    /** Applies every change to {@code document} in place; a change that cannot apply is a 409 naming it. */
    public void apply(ObjectNode document) {
        String id = document.path("_id").asText();
        for (Change change : changes) {
            List<String> segments = change.path().segments();
            String field = change.path().text();
            ObjectNode parent = document;
            for (String segment : segments.subList(0, segments.size() - 1)) {
                JsonNode child = parent.get(segment);
                if (child == null || child.isNull()) {
                    if (change instanceof Unset) {
                        parent = null;
                        break;
                    }
                    child = parent.putObject(segment);
                } else if (!child.isObject()) {
                    if (change instanceof Unset) {
                        parent = null;
                        break;
                    }
                    throw new StorageException.UpdateConflict(field, id, "a value on its path is not an object");
                }
                parent = (ObjectNode) child;
            }
            String last = segments.getLast();
            switch (change) {
                case Set s -> parent.set(last, s.value());
                case Unset u -> {
                    if (parent != null) {
                        parent.remove(last);
                    }
                }
                case Inc inc -> {
                    JsonNode current = parent.get(last);
                    if (current == null || current.isNull()) {
                        parent.set(last, inc.amount());
                    } else if (current.isNumber()) {
                        parent.set(last, add(current, inc.amount()));
                    } else {
                        throw new StorageException.UpdateConflict(
                                field,
                                id,
                                "$inc needs a number there, found "
                                        + current.getNodeType().name().toLowerCase());
                    }
                }
            }
        }
    }

    /** Exact addition: integers stay integers (growing past 64 bits if they must), anything else is decimal. */
    static JsonNode add(JsonNode a, JsonNode b) {
        if (a.isIntegralNumber() && b.isIntegralNumber()) {
            BigInteger sum = a.bigIntegerValue().add(b.bigIntegerValue());
            return sum.bitLength() < 64 ? NODES.numberNode(sum.longValue()) : NODES.numberNode(sum);
        }
        BigDecimal sum = a.decimalValue().add(b.decimalValue());
        return NODES.numberNode(sum);
    }
}
