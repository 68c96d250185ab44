package fazt.storage.domain.documents;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** A parsed, validated document query: what {@link QueryParser} makes of the wire JSON, and what the store runs. */
public sealed interface Filter {
    /** Matches every document ({@code null} or {@code {}} as a query). */
    record All() implements Filter {}

    /** Every part matches. */
    record And(List<Filter> parts) implements Filter {}

    /** At least one part matches. */
    record Or(List<Filter> parts) implements Filter {}

    /**
     * One operator applied to the value at a path. {@code operand} is the query's JSON value: any value for
     * {@code $eq}/{@code $ne}, a number or string for the ordering operators, an array for {@code $in}/{@code $nin},
     * a boolean for {@code $exists}, a scalar for {@code $contains}.
     */
    record Condition(FieldPath path, Operator operator, JsonNode operand) implements Filter {}

    /** A comparison operator of the query language. */
    enum Operator {
        EQ("$eq"),
        NE("$ne"),
        GT("$gt"),
        GTE("$gte"),
        LT("$lt"),
        LTE("$lte"),
        IN("$in"),
        NIN("$nin"),
        EXISTS("$exists"),
        CONTAINS("$contains");

        private final String token;

        Operator(String token) {
            this.token = token;
        }

        public String token() {
            return token;
        }

        static Operator of(String token) {
            for (Operator op : values()) {
                if (op.token.equals(token)) {
                    return op;
                }
            }
            return null;
        }
    }
}
