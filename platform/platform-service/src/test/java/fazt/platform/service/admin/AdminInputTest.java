package fazt.platform.service.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import fazt.platform.nats.ProblemException;
import fazt.proto.MessageCodec;
import fazt.proto.ServiceName;
import fazt.proto.admin.AdminRequest;
import fazt.proto.auth.Principal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AdminInputTest {
    final AdminInput input = new AdminInput(ServiceName.DEPLOY);

    static AdminRequest request(String method, String path, String body) {
        return new AdminRequest(
                method,
                path,
                Map.of(),
                new Principal("u_1", "ana", List.of("admin")),
                body == null ? null : "application/json",
                body,
                null,
                "r_1");
    }

    static JsonNode json(String text) throws Exception {
        return MessageCodec.INSTANCE.mapper().readTree(text);
    }

    static ProblemException refusal(Runnable call) {
        return catchThrowableOfType(ProblemException.class, call::run);
    }

    @Test
    void refusalsAreInvalidRequestProblemsOfTheServiceNamingTheField() {
        ProblemException e = input.invalid("version", "\"version\" must be a positive whole number.");
        assertThat(e.problem().status()).isEqualTo(400);
        assertThat(e.problem().type()).endsWith("/deploy/invalid-request");
        assertThat(e.problem().errors()).extracting(f -> f.field()).containsExactly("version");
        assertThat(new AdminInput(ServiceName.AUTH).invalid("x", "d").problem().type())
                .endsWith("/auth/invalid-request");
    }

    @Test
    void theBodyIsAJsonObjectOrEmpty() {
        assertThat(input.jsonBody(request("POST", "/x", null)).isEmpty()).isTrue();
        assertThat(input.jsonBody(request("POST", "/x", " ")).isEmpty()).isTrue();
        assertThat(input.jsonBody(request("POST", "/x", "{\"a\":1}")).path("a").asInt())
                .isEqualTo(1);
        assertThat(refusal(() -> input.jsonBody(request("POST", "/x", "[1]")))
                        .problem()
                        .errors()
                        .getFirst()
                        .field())
                .isEqualTo("body");
        assertThat(refusal(() -> input.jsonBody(request("POST", "/x", "{nope")))
                        .problem()
                        .detail())
                .isEqualTo("The body is not valid JSON.");
    }

    @Test
    void typedFieldsRefuseTheWrongType() throws Exception {
        JsonNode body =
                json("{\"name\":\"blog\",\"blank\":\" \",\"n\":3,\"zero\":0,\"half\":1.5,\"on\":true,\"num\":7}");
        assertThat(input.requiredText(body, "name")).isEqualTo("blog");
        assertThat(refusal(() -> input.requiredText(body, "blank"))
                        .problem()
                        .errors()
                        .getFirst()
                        .field())
                .isEqualTo("blank");
        assertThat(refusal(() -> input.requiredText(body, "missing")).problem().detail())
                .isEqualTo("The body needs \"missing\" (a string).");
        assertThat(input.text(body, "missing", 10)).isNull();
        assertThat(refusal(() -> input.text(body, "num", 10)).problem().detail())
                .isEqualTo("\"num\" must be a string.");
        assertThat(refusal(() -> input.text(body, "name", 3)).problem().detail())
                .contains("at most 3 characters");
        assertThat(input.positiveInt(body, "n")).isEqualTo(3);
        assertThat(input.positiveInt(body, "missing")).isNull();
        assertThat(refusal(() -> input.positiveInt(body, "zero"))).isNotNull();
        assertThat(refusal(() -> input.positiveInt(body, "half"))).isNotNull();
        assertThat(input.requiredBoolean(body, "on")).isTrue();
        assertThat(refusal(() -> input.requiredBoolean(body, "name"))
                        .problem()
                        .errors()
                        .getFirst()
                        .field())
                .isEqualTo("name");
    }
}
