package fazt.platform.test.standins;

import fazt.platform.nats.ProblemException;
import fazt.proto.MessageCodec;
import fazt.proto.problem.Problem;
import fazt.proto.storage.StorageSubjects;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.NavigableMap;

/** The checks, paging and refusals storage-svc applies, as {@link StorageStandIn}'s parts apply them. */
final class StandInRules {
    private StandInRules() {}

    static String checked(String namespace) {
        if (namespace == null || !namespace.matches("[a-z0-9][a-z0-9/_.-]{0,199}")) {
            throw refused(
                    400,
                    "invalid-namespace",
                    "Invalid namespace",
                    "namespace " + namespace
                            + " must start with a-z or 0-9 and hold only a-z, 0-9, '/', '_', '.' and '-'.");
        }
        return namespace;
    }

    static void path(String field, String path) {
        if (path == null
                || path.isEmpty()
                || path.startsWith("/")
                || path.length() > StorageSubjects.MAX_VFS_PATH
                || Arrays.asList(path.split("/", -1)).stream()
                        .anyMatch(s -> s.isEmpty() || s.equals(".") || s.equals(".."))
                || path.chars().anyMatch(c -> c < 0x20)) {
            throw refused(400, "invalid-path", "Invalid path", field + " \"" + path + "\" is not a valid path.");
        }
    }

    static boolean isJson(byte[] value) {
        try (var parser = MessageCodec.INSTANCE.mapper().getFactory().createParser(value)) {
            if (parser.nextToken() == null) {
                return false;
            }
            parser.skipChildren();
            return parser.nextToken() == null;
        } catch (IOException e) {
            return false;
        }
    }

    static String key(String field, String key) {
        if (key == null || key.isEmpty()) {
            throw invalid(field, "must not be empty");
        }
        if (key.indexOf(0) >= 0) {
            throw invalid(field, "must not contain a NUL character");
        }
        int bytes = key.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > 512) {
            throw invalid(field, "has " + bytes + " bytes of UTF-8; at most 512 are accepted");
        }
        return key;
    }

    static String app(String appId) {
        if (appId == null || !appId.matches("[A-Za-z0-9_-]{1,64}")) {
            throw invalid("appId", appId == null ? "is missing" : "must be 1-64 of [A-Za-z0-9_-]");
        }
        return appId;
    }

    static int limit(int requested) {
        if (requested == 0) {
            return StorageStandIn.MAX_PAGE;
        }
        if (requested < 1 || requested > StorageStandIn.MAX_PAGE) {
            throw invalid(
                    "limit",
                    "must be between 1 and " + StorageStandIn.MAX_PAGE + " (0: " + StorageStandIn.MAX_PAGE + "), got "
                            + requested);
        }
        return requested;
    }

    static String encode(String position) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(position.getBytes(StandardCharsets.UTF_8));
    }

    static String cursor(String cursor) {
        if (cursor == null) {
            return null;
        }
        try {
            return new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw invalid("cursor", "is not a cursor returned by this service");
        }
    }

    static <T> List<T> page(NavigableMap<String, T> from, int limit) {
        return from.values().stream().limit(limit + 1L).toList();
    }

    static <T> List<T> listOf(List<T> list) {
        return list == null ? List.of() : list;
    }

    static long number(String field, String value) {
        if (value == null) {
            throw invalid(field, "is missing");
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw invalid(field, "must be a byte offset");
        }
    }

    static ProblemException invalid(String field, String reason) {
        String detail = field + " " + reason + ".";
        Problem p = Problem.of(400, "storage/invalid-request", "Invalid request", detail);
        return new ProblemException(new Problem(
                p.type(),
                p.title(),
                p.status(),
                p.detail(),
                p.instance(),
                p.code(),
                p.errorId(),
                p.traceId(),
                List.of(new Problem.FieldError(field, detail))));
    }

    static ProblemException refused(int status, String kind, String title, String detail) {
        return new ProblemException(Problem.of(status, "storage/" + kind, title, detail));
    }
}
