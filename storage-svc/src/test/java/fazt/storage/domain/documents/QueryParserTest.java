package fazt.storage.domain.documents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fazt.storage.domain.StorageException;
import fazt.storage.domain.documents.Filter.Operator;
import java.util.List;
import org.junit.jupiter.api.Test;

class QueryParserTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text.replace('\'', '"'));
    }

    @Test
    void literalsAreImplicitEqualityAndOperatorObjectsSplitIntoConditions() throws Exception {
        Filter filter = QueryParser.parse("query", json("{'a.b': 1, 'n': {'$gt': 1, '$lt': 5}}"));
        assertThat(filter).isInstanceOf(Filter.And.class);
        List<Filter> parts = ((Filter.And) filter).parts();
        assertThat(parts)
                .extracting(p -> ((Filter.Condition) p).operator())
                .containsExactly(Operator.EQ, Operator.GT, Operator.LT);
        assertThat(((Filter.Condition) parts.getFirst()).path().segments()).containsExactly("a", "b");
        assertThat(QueryParser.parse("query", null)).isInstanceOf(Filter.All.class);
        assertThat(QueryParser.parse("query", json("{}"))).isInstanceOf(Filter.All.class);
    }

    @Test
    void tooDeepOrTooLongQueriesAreRefused() throws Exception {
        String deep = "{'a': 1}";
        for (int i = 0; i < 10; i++) {
            deep = "{'$or': [" + deep + "]}";
        }
        String nested = deep;
        assertThatThrownBy(() -> QueryParser.parse("query", json(nested)))
                .isInstanceOf(StorageException.InvalidQuery.class)
                .hasMessageContaining("deeper");
        StringBuilder many = new StringBuilder("{");
        for (int i = 0; i < 300; i++) {
            many.append(i == 0 ? "" : ",").append("'f").append(i).append("': 1");
        }
        String wide = many.append('}').toString();
        assertThatThrownBy(() -> QueryParser.parse("query", json(wide)))
                .isInstanceOf(StorageException.InvalidQuery.class)
                .hasMessageContaining("256");
    }
}
