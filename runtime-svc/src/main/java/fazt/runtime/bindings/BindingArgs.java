package fazt.runtime.bindings;

import com.fasterxml.jackson.databind.JsonNode;
import fazt.platform.nats.ProblemException;
import fazt.proto.problem.Problem;

/**
 * Reading the JSON arguments bindings.js sends with a host call ({@code env.KV}, {@code env.DB}, {@code env.FILES},
 * {@code env.MAIL}): a missing or mistyped one is a 400 {@code runtime/invalid-binding-call} naming it.
 */
final class BindingArgs {
    private BindingArgs() {}

    static String text(JsonNode args, String field) {
        JsonNode value = args.get(field);
        if (value == null || !value.isTextual()) {
            throw invalid(field + " must be a string");
        }
        return value.asText();
    }

    static String optionalText(JsonNode args, String field) {
        JsonNode value = args.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    static JsonNode node(JsonNode args, String field) {
        JsonNode value = args.get(field);
        return value == null || value.isMissingNode() ? null : value;
    }

    static ProblemException invalid(String detail) {
        return new ProblemException(Problem.of(400, "runtime/invalid-binding-call", "Invalid binding call", detail));
    }
}
