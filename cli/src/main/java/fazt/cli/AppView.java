package fazt.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.StringJoiner;

/** How an app of the admin API ({@code {"id","name","host","version",...}}) reads in a terminal. */
final class AppView {
    private AppView() {}

    /** Where the app is served: the admin URL's scheme and port with the app's host. */
    static String url(ServerAddress admin, JsonNode app) {
        return admin.siteUrl(app.path("host").asText(app.path("name").asText() + ".?"));
    }

    static Table table(ServerAddress admin, JsonNode apps) {
        Table table = new Table("name", ">version", ">files", ">size", "updated", "owner", "url");
        for (JsonNode app : apps) {
            table.row(
                    app.path("name").asText(),
                    app.path("version").asText("-"),
                    app.path("files").asText("-"),
                    Table.size(app.path("bytes").asLong()),
                    Table.time(app.path("updatedAt").asText(null)),
                    app.path("owner").asText("-"),
                    url(admin, app));
        }
        return table;
    }

    static void details(PrintWriter out, ServerAddress admin, JsonNode app) {
        field(out, "name", app.path("name").asText());
        field(out, "url", url(admin, app));
        field(out, "id", app.path("id").asText("-"));
        field(
                out,
                "live version",
                app.path("version").asText("-") + " of " + app.path("versions").asText("-"));
        field(
                out,
                "files",
                app.path("files").asText("-") + " ("
                        + Table.size(app.path("bytes").asLong()) + ")");
        field(out, "created", Table.time(app.path("createdAt").asText(null)));
        field(out, "updated", Table.time(app.path("updatedAt").asText(null)));
        field(out, "owner", app.path("owner").asText("-"));
        String missing = missingEnv(app);
        if (missing != null) {
            field(out, "missing env", missing);
        }
        out.flush();
    }

    /** The env names the live manifest declares but the app has not set ({@code missingEnv}), or null when none. */
    static String missingEnv(JsonNode withMissingEnv) {
        JsonNode missing = withMissingEnv.path("missingEnv");
        if (!missing.isArray() || missing.isEmpty()) {
            return null;
        }
        StringJoiner names = new StringJoiner(", ");
        missing.forEach(n -> names.add(n.asText()));
        return names.toString();
    }

    private static void field(PrintWriter out, String name, String value) {
        out.printf("%-13s %s%n", name + ":", value);
    }
}
