package fazt.proto.admin;

import fazt.proto.ServiceName;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * One route of the admin API as its owner's table declares it: method, path template below {@code /api}, who may
 * call it ({@link ScopeRule}), a summary line, the query parameters it reads, the record its JSON request body has
 * (null when it reads none, or a non-JSON body such as a bundle), and its success answers, each a status with the
 * record of its JSON body ({@link Answer}). The tables are the contract: the gateway finds a path's owner in them,
 * the owner binds a handler to each (and answers only the statuses declared), and the OpenAPI document is generated
 * from them.
 */
public record AdminRoute(
        ServiceName owner,
        String method,
        PathTemplate path,
        ScopeRule scope,
        String summary,
        List<String> query,
        Class<?> body,
        List<Answer> answers) {
    private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE");

    /**
     * One success answer of a route: its status (2xx) and the record of its JSON body; {@code type} is null when the
     * answer has no body (204) or one that is not JSON (a file).
     */
    public record Answer(int status, Class<?> type) {
        public Answer {
            if (status < 200 || status > 299) {
                throw new IllegalArgumentException("a success answer is a 2xx status, not " + status);
            }
            if (status == 204 && type != null) {
                throw new IllegalArgumentException("a 204 answer has no body");
            }
            if (type != null && !type.isRecord()) {
                throw new IllegalArgumentException("an admin answer's body is a record: " + type.getName());
            }
        }
    }

    public AdminRoute {
        if (!METHODS.contains(method)) {
            throw new IllegalArgumentException("unsupported method " + method + " for " + path);
        }
        for (String scoped : scope.anyOf()) {
            int open = scoped.indexOf('{');
            if (open >= 0 && !path.parameters().contains(scoped.substring(open + 1, scoped.length() - 1))) {
                throw new IllegalArgumentException("scope " + scoped + " names no parameter of " + path);
            }
        }
        if (body != null && !body.isRecord()) {
            throw new IllegalArgumentException("an admin request body is a record: " + body.getName());
        }
        query = List.copyOf(query);
        answers = List.copyOf(answers);
        if (answers.stream().map(Answer::status).distinct().count() != answers.size()) {
            throw new IllegalArgumentException(method + " " + path.text() + " declares a status twice");
        }
    }

    /** A route that declares no answer yet: add them with {@link #returns} and {@link #answers}. */
    public static AdminRoute of(ServiceName owner, String method, String template, String scope, String summary) {
        return new AdminRoute(
                owner,
                method,
                PathTemplate.parse(template),
                ScopeRule.parse(scope),
                summary,
                List.of(),
                null,
                List.of());
    }

    /** This route reading the query parameters {@code names}. */
    public AdminRoute query(String... names) {
        return new AdminRoute(owner, method, path, scope, summary, List.of(names), body, answers);
    }

    /** This route reading a JSON request body of {@code type}. */
    public AdminRoute accepts(Class<?> type) {
        return new AdminRoute(owner, method, path, scope, summary, query, type, answers);
    }

    /** This route also answering {@code status} with a JSON body of {@code type}. */
    public AdminRoute returns(int status, Class<?> type) {
        List<Answer> more = new ArrayList<>(answers);
        more.add(new Answer(status, type));
        return new AdminRoute(owner, method, path, scope, summary, query, body, more);
    }

    /** This route also answering {@code status} without a JSON body (204, or a file). */
    public AdminRoute answers(int status) {
        List<Answer> more = new ArrayList<>(answers);
        more.add(new Answer(status, null));
        return new AdminRoute(owner, method, path, scope, summary, query, body, more);
    }

    /** Whether {@code status} is one of this route's declared success answers; refusals are problems, never declared. */
    public boolean declares(int status) {
        return answers.stream().anyMatch(a -> a.status() == status);
    }

    /** {@code GET /apps/{name}}: how handlers are bound to the route. */
    public String key() {
        return method + " " + path.text();
    }
}
