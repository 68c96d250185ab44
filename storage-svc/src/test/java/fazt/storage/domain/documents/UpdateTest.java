package fazt.storage.domain.documents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fazt.storage.domain.StorageException;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class UpdateTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text.replace('\'', '"'));
    }

    private static ObjectNode apply(String document, String update) throws Exception {
        ObjectNode node = (ObjectNode) json(document);
        Update.parse(json(update)).apply(node);
        return node;
    }

    @Test
    void setCreatesMissingObjectsOnItsPathUnsetIgnoresMissingOnes() throws Exception {
        assertThat(apply("{'_id': 'x'}", "{'$set': {'a.b.c': 1}, '$unset': ['z.y', 'q']}"))
                .isEqualTo(json("{'_id': 'x', 'a': {'b': {'c': 1}}}"));
        assertThat(apply("{'_id': 'x', 'a': {'b': 1, 'c': 2}}", "{'$unset': {'a.b': ''}}"))
                .isEqualTo(json("{'_id': 'x', 'a': {'c': 2}}"));
    }

    @Test
    void incAddsExactlyAndStartsMissingFieldsAtTheAmount() throws Exception {
        assertThat(apply("{'n': 9223372036854775807}", "{'$inc': {'n': 1}}")
                        .get("n")
                        .bigIntegerValue())
                .isEqualTo(new BigInteger("9223372036854775808"));
        assertThat(apply("{'n': 0.1}", "{'$inc': {'n': 0.2}}").get("n").decimalValue())
                .isEqualByComparingTo("0.3");
        assertThat(apply("{}", "{'$inc': {'a.n': -2}}")).isEqualTo(json("{'a': {'n': -2}}"));
    }

    @Test
    void changesThatCannotApplyOrOverlapAreRefused() throws Exception {
        assertThatThrownBy(() -> apply("{'_id': 'x', 'n': 'one'}", "{'$inc': {'n': 1}}"))
                .isInstanceOf(StorageException.UpdateConflict.class)
                .hasMessageContaining("n");
        assertThatThrownBy(() -> apply("{'_id': 'x', 'a': 5}", "{'$set': {'a.b': 1}}"))
                .isInstanceOf(StorageException.UpdateConflict.class);
        assertThatThrownBy(() -> Update.parse(json("{'$set': {'a': 1}, '$inc': {'a': 1}}")))
                .isInstanceOf(StorageException.InvalidQuery.class);
        assertThatThrownBy(() -> Update.parse(json("{'$set': {'_id.x': 1}}")))
                .isInstanceOf(StorageException.InvalidQuery.class);
        assertThatThrownBy(() -> Update.parse(json("{}"))).isInstanceOf(StorageException.InvalidQuery.class);
    }
}
