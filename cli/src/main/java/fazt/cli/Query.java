package fazt.cli;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.StringJoiner;

/** Query parameters of an admin API call, each percent-encoded; unset ones are left out. */
final class Query {
    private Query() {}

    static void add(StringJoiner query, String key, String value) {
        if (value != null) {
            query.add(key + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8));
        }
    }
}
