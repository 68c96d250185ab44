package fazt.platform.service.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fazt.platform.nats.ProblemException;
import fazt.proto.MessageCodec;
import fazt.proto.ServiceName;
import fazt.proto.admin.AdminRequest;
import fazt.proto.problem.Problem;
import java.io.IOException;
import java.util.List;

/**
 * Reads the body of an admin API request ({@link AdminRequest}, forwarded by the gateway) the same way in every
 * service: a JSON object with typed fields. Every refusal is a 400 problem {@code <service>/invalid-request} naming
 * the offending field ({@code body} or a body field), so bad input reads alike whichever service owns the route.
 * Paths, methods and scopes are the {@link AdminRouter}'s.
 */
public final class AdminInput {
    private final String problemType;

    public AdminInput(ServiceName service) {
        this.problemType = service.id() + "/invalid-request";
    }

    /** The 400 problem for {@code field}, for checks of the service's own. */
    public ProblemException invalid(String field, String detail) {
        return new ProblemException(Problem.of(400, problemType, "Invalid request", detail)
                .withErrors(List.of(new Problem.FieldError(field, detail))));
    }

    /** The body as a JSON object; an empty body is an empty object. */
    public ObjectNode jsonBody(AdminRequest request) {
        if (request.body() == null || request.body().isBlank()) {
            return MessageCodec.INSTANCE.mapper().createObjectNode();
        }
        JsonNode node;
        try {
            node = MessageCodec.INSTANCE.mapper().readTree(request.body());
        } catch (IOException e) {
            throw invalid("body", "The body is not valid JSON.");
        }
        if (node == null || !node.isObject()) {
            throw invalid("body", "The body must be a JSON object.");
        }
        return (ObjectNode) node;
    }

    /** A string field that must be present and not blank. */
    public String requiredText(JsonNode body, String field) {
        String value = text(body, field);
        if (value == null || value.isBlank()) {
            throw invalid(field, "The body needs \"" + field + "\" (a string).");
        }
        return value;
    }

    /** A string field, or null when absent or null. */
    public String text(JsonNode body, String field) {
        return text(body, field, Integer.MAX_VALUE);
    }

    /** A string field of at most {@code maxLength} characters, or null when absent or null. */
    public String text(JsonNode body, String field, int maxLength) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw invalid(field, "\"" + field + "\" must be a string.");
        }
        if (value.asText().length() > maxLength) {
            throw invalid(field, "\"" + field + "\" must be a string of at most " + maxLength + " characters.");
        }
        return value.asText();
    }

    /** A boolean field that must be present. */
    public boolean requiredBoolean(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || !value.isBoolean()) {
            throw invalid(field, "The body needs \"" + field + "\" (true or false).");
        }
        return value.asBoolean();
    }

    /** A whole number of at least 1, or null when absent or null. */
    public Integer positiveInt(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt() || value.asInt() < 1) {
            throw invalid(field, "\"" + field + "\" must be a positive whole number.");
        }
        return value.asInt();
    }
}
