package fazt.proto.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import fazt.proto.MessageCodec;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every record an admin route declares as an answer or as its request body round-trips through its golden file
 * {@code golden/admin-api/<Record>.json}: decode, encode, same JSON tree. A field renamed or dropped breaks clients
 * of the admin API (the CLI, the dashboard, scripts) and this test; a route declaring a new record needs a golden file.
 */
class AdminAnswerGoldenTest {
    static Stream<Class<?>> answers() {
        return AdminApi.TABLE.routes().stream()
                .flatMap(r ->
                        Stream.concat(Stream.of(r.body()), r.answers().stream().map(AdminRoute.Answer::type)))
                .filter(Objects::nonNull)
                .distinct();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("answers")
    void goldenFileRoundTripsUnchanged(Class<?> type) throws IOException {
        String file = "/golden/admin-api/" + type.getSimpleName() + ".json";
        byte[] golden;
        try (InputStream in = getClass().getResourceAsStream(file)) {
            assertThat(in).as("golden file %s", file).isNotNull();
            golden = in.readAllBytes();
        }
        MessageCodec codec = MessageCodec.INSTANCE;
        Object decoded = codec.decode(golden, type);
        JsonNode expected = codec.mapper().readTree(golden);
        JsonNode actual = codec.mapper().readTree(codec.encode(decoded));
        assertThat(actual).isEqualTo(expected);
        assertThat(codec.decode(codec.encode(decoded), type)).isEqualTo(decoded);
    }
}
