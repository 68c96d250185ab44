package fazt.proto;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every wire record round-trips through its golden file {@code golden/<type>.json}: decode, encode, and the JSON
 * tree is the same. A field renamed or dropped in a record breaks this test, which is the point: that change
 * needs a new version (docs/adr/0003-message-contracts.md).
 */
class GoldenMessagesTest {
    static Stream<Class<?>> messages() {
        return Messages.ALL.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("messages")
    void goldenFileRoundTripsUnchanged(Class<?> type) throws IOException {
        String file = "/golden/" + MessageCodec.typeId(type) + ".json";
        byte[] golden;
        try (InputStream in = getClass().getResourceAsStream(file)) {
            assertThat(in)
                    .as("golden file %s for %s", file, type.getSimpleName())
                    .isNotNull();
            golden = in.readAllBytes();
        }
        MessageCodec codec = MessageCodec.INSTANCE;
        Object decoded = codec.decode(golden, type);
        JsonNode expected = codec.mapper().readTree(golden);
        JsonNode actual = codec.mapper().readTree(codec.encode(decoded));
        assertThat(actual).isEqualTo(expected);
        // Decoding what we encoded gives an equal record: no field is lost either way.
        assertThat(codec.decode(codec.encode(decoded), type)).isEqualTo(decoded);
    }
}
