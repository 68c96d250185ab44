package fazt.proto.admin;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The OpenAPI 3.1 document of the admin API, generated from the route tables ({@link AdminApi#TABLE}): a path per
 * template ({@code {path+}} becomes {@code {path}}, documented as taking the rest of the path), an operation per
 * route with its summary, path and query parameters, its scopes as security requirements (one requirement per
 * alternative scope, OpenAPI 3.1's role names; none on public routes), its JSON request body's schema, each success
 * status it declares with its answer's schema, and RFC 9457 problems for every refusal. The gateway serves it at {@code /api/openapi.json};
 * {@code docs/api/openapi.json} is the same document checked in.
 */
public final class AdminOpenApi {
    /** Where the gateway serves the document, below {@code /api}. */
    public static final String PATH = "/openapi.json";

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private AdminOpenApi() {}

    /** The document of {@code table}. */
    public static ObjectNode document(AdminRouteTable table) {
        ObjectNode doc = JSON.objectNode();
        doc.put("openapi", "3.1.0");
        ObjectNode info = doc.putObject("info");
        info.put("title", "fazt admin API");
        info.put("version", "1");
        info.put(
                "description",
                "The admin API of a fazt suite at https://admin.<domain>/api, generated from the route"
                        + " tables in shared-proto. Authenticate with an API token (Authorization: Bearer) or a dashboard"
                        + " session (cookie fazt_session plus the X-Fazt-Csrf header on changes). Security requirements list"
                        + " the scopes of which any one suffices; admin allows everything. Every refusal is an RFC 9457"
                        + " problem (application/problem+json).");
        ObjectNode server = doc.putArray("servers").addObject();
        server.put("url", "https://admin.{domain}/api");
        server.putObject("variables").putObject("domain").put("default", "localhost");
        ObjectNode schemas = JSON.objectNode();
        ObjectNode paths = doc.putObject("paths");
        for (AdminRoute route : table.routes()) {
            String key = route.path().text().replace("+}", "}");
            ObjectNode path = paths.has(key) ? (ObjectNode) paths.get(key) : paths.putObject(key);
            path.set(route.method().toLowerCase(Locale.ROOT), operation(route, schemas));
        }
        ObjectNode components = doc.putObject("components");
        schemas.set("Problem", problemSchema());
        components.set("schemas", sorted(schemas));
        ObjectNode security = components.putObject("securitySchemes");
        security.putObject("token")
                .put("type", "http")
                .put("scheme", "bearer")
                .put("description", "An API token (fazt tokens create) or the bootstrap token.");
        security.putObject("session")
                .put("type", "apiKey")
                .put("in", "cookie")
                .put("name", "fazt_session")
                .put("description", "A dashboard session from POST /auth/login; changes also need X-Fazt-Csrf.");
        return doc;
    }

    private static ObjectNode operation(AdminRoute route, ObjectNode schemas) {
        ObjectNode op = JSON.objectNode();
        op.put("operationId", operationId(route));
        op.put("summary", route.summary());
        op.putArray("tags").add(route.owner().id());
        op.put("x-fazt-service", route.owner().id());
        op.put("x-fazt-scope", route.scope().text());
        ArrayNode params = op.putArray("parameters");
        for (PathTemplate.Segment segment : route.path().segments()) {
            if (segment.kind() == PathTemplate.Kind.LITERAL) {
                continue;
            }
            ObjectNode param = params.addObject();
            param.put("name", segment.value()).put("in", "path").put("required", true);
            param.putObject("schema").put("type", "string");
            if (segment.kind() == PathTemplate.Kind.REST) {
                param.put("description", "The rest of the path, slashes included.");
            }
        }
        for (String name : route.query()) {
            ObjectNode param = params.addObject();
            param.put("name", name).put("in", "query").put("required", false);
            param.putObject("schema").put("type", "string");
        }
        if (params.isEmpty()) {
            op.remove("parameters");
        }
        ArrayNode security = op.putArray("security");
        if (!route.scope().isPublic()) {
            List<String> scopes = route.scope().anyOf();
            for (String scheme : List.of("token", "session")) {
                if (scopes.isEmpty()) {
                    security.addObject().putArray(scheme);
                }
                for (String scope : scopes) {
                    security.addObject().putArray(scheme).add(scope);
                }
            }
        }
        if (route.body() != null) {
            ObjectNode body = op.putObject("requestBody");
            body.put("required", true);
            body.putObject("content")
                    .putObject("application/json")
                    .putObject("schema")
                    .put("$ref", ref(route.body(), schemas));
        }
        ObjectNode responses = op.putObject("responses");
        for (AdminRoute.Answer answer : route.answers()) {
            ObjectNode ok = responses.putObject(Integer.toString(answer.status()));
            if (answer.type() != null) {
                ok.put("description", answer.type().getSimpleName());
                ok.putObject("content")
                        .putObject("application/json")
                        .putObject("schema")
                        .put("$ref", ref(answer.type(), schemas));
            } else if (answer.status() == 204) {
                ok.put("description", "No content");
            } else {
                ok.put("description", "The file's bytes, with its content type");
                ok.putObject("content")
                        .putObject("*/*")
                        .putObject("schema")
                        .put("type", "string")
                        .put("contentMediaType", "application/octet-stream");
            }
        }
        ObjectNode problem = responses.putObject("default");
        problem.put(
                "description",
                "A problem: 400 bad input (naming the field), 401, 403 missing scope, 404, 405"
                        + " (with Allow), 409, 422, 503.");
        problem.putObject("content")
                .putObject("application/problem+json")
                .putObject("schema")
                .put("$ref", "#/components/schemas/Problem");
        return op;
    }

    private static String operationId(AdminRoute route) {
        StringBuilder id = new StringBuilder(route.method().toLowerCase(Locale.ROOT));
        for (PathTemplate.Segment s : route.path().segments()) {
            String word = s.kind() == PathTemplate.Kind.LITERAL ? s.value() : "by-" + s.value();
            for (String part : word.split("-")) {
                id.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
            }
        }
        return id.toString();
    }

    /** A {@code $ref} to the schema of record {@code type}, adding it (and the records it holds) to {@code schemas}. */
    private static String ref(Class<?> type, ObjectNode schemas) {
        String name = type.getSimpleName();
        if (!schemas.has(name)) {
            if (!type.isRecord()) {
                throw new IllegalArgumentException("an admin body or answer type is a record: " + type.getName());
            }
            ObjectNode schema = schemas.putObject(name);
            schema.put("type", "object");
            ObjectNode properties = schema.putObject("properties");
            for (RecordComponent component : type.getRecordComponents()) {
                JsonProperty renamed = component.getAccessor().getAnnotation(JsonProperty.class);
                String field = renamed != null && !renamed.value().isEmpty() ? renamed.value() : component.getName();
                properties.set(field, schemaOf(component.getGenericType(), schemas));
            }
        }
        return "#/components/schemas/" + name;
    }

    private static ObjectNode schemaOf(Type type, ObjectNode schemas) {
        ObjectNode schema = JSON.objectNode();
        if (type instanceof ParameterizedType p && p.getRawType() == List.class) {
            schema.put("type", "array");
            schema.set("items", schemaOf(p.getActualTypeArguments()[0], schemas));
        } else if (type instanceof ParameterizedType p && p.getRawType() == Map.class) {
            schema.put("type", "object");
            schema.set("additionalProperties", schemaOf(p.getActualTypeArguments()[1], schemas));
        } else if (type == String.class) {
            schema.put("type", "string");
        } else if (type == byte[].class) {
            schema.put("type", "string").put("contentEncoding", "base64");
        } else if (type == Instant.class) {
            schema.put("type", "string").put("format", "date-time");
        } else if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
            schema.put("type", "integer");
        } else if (type == boolean.class || type == Boolean.class) {
            schema.put("type", "boolean");
        } else if (type instanceof Class<?> c && c.isRecord()) {
            schema.put("$ref", ref(c, schemas));
        } else {
            throw new IllegalArgumentException("no schema for " + type.getTypeName() + " in an admin body or answer");
        }
        return schema;
    }

    private static ObjectNode problemSchema() {
        ObjectNode schema = JSON.objectNode();
        schema.put("type", "object");
        ObjectNode properties = schema.putObject("properties");
        for (String name : List.of("type", "title", "detail", "instance", "code", "errorId", "traceId")) {
            properties.putObject(name).put("type", "string");
        }
        properties.putObject("status").put("type", "integer");
        ObjectNode error = properties
                .putObject("errors")
                .put("type", "array")
                .putObject("items")
                .put("type", "object");
        ObjectNode fields = error.putObject("properties");
        fields.putObject("field").put("type", "string");
        fields.putObject("message").put("type", "string");
        return schema;
    }

    private static ObjectNode sorted(ObjectNode node) {
        TreeMap<String, JsonNode> byName = new TreeMap<>();
        node.fields().forEachRemaining(e -> byName.put(e.getKey(), e.getValue()));
        ObjectNode out = JSON.objectNode();
        byName.forEach(out::set);
        return out;
    }
}
