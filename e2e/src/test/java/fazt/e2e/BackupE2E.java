package fazt.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A whole installation backed up and restored into another (ADR 39), both used only from outside: an app with
 * static files, KV, documents, files and a secret, and an API token, on the first; {@code POST /api/backups} until
 * {@code done}; the archive verified, and a copy with one flipped byte refused by verify and by restore; then the
 * archive restored into a second installation with a database and subject root of its own (the master key is kept
 * separately, so it is given to the second as an operator would), which serves the same bytes, the same data and
 * the decrypted secret, and accepts the first one's API token (its own bootstrap admin token stays its own).
 */
class BackupE2E {
    private static final Path TARGET = tempDirectory();
    private static final Path KEYS = tempDirectory();
    private static final String PASSPHRASE = "correct horse battery staple";

    @RegisterExtension
    static final RunningStack first = RunningStack.oneJvm().env("FAZT_BACKUP_TARGET", TARGET.toString());

    @AfterAll
    static void removeArchives() throws Exception {
        for (Path dir : List.of(TARGET, KEYS)) {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder())
                        .forEach(p -> p.toFile().delete());
            }
        }
    }

    private static Path tempDirectory() {
        try {
            return Files.createTempDirectory("fazt-e2e-backups-");
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final String APP = """
            export default {
              async fetch(request, env) {
                const url = new URL(request.url);
                if (url.pathname === "/api/seed") {
                  await env.KV.put("greeting", "hello, tab\\there");
                  await env.DB.collection("notes").insert({ _id: "n1", text: "first note", tags: ["a", "b"] });
                  await env.FILES.put("report.txt", "file bytes \\u00e9");
                  return new Response("seeded");
                }
                const file = await env.FILES.get("report.txt");
                return Response.json({
                  kv: await env.KV.get("greeting"),
                  doc: await env.DB.collection("notes").get("n1"),
                  count: await env.DB.collection("notes").count({}),
                  file: file ? await file.text() : null,
                  secret: env.SECRET ?? null,
                });
              }
            };
            """;

    @Test
    void aPopulatedInstallationComesBackWholeInAFreshOneAndAFlippedByteIsRefused() throws Exception {
        Edge a = first.edge();
        a.deployFiles(
                "notes", "index.html", "<h1>notes</h1>", "assets/app.css", "body { color: teal }", "api/main.js", APP);
        HttpResponse<byte[]> secret = a.json("PUT", "/apps/notes/env/SECRET", "{\"value\":\"s3cret\",\"secret\":true}");
        assertThat(secret.statusCode()).as(Edge.text(secret)).isIn(200, 201);
        assertThat(Edge.text(a.get("notes.localhost", "/api/seed"))).isEqualTo("seeded");
        HttpResponse<byte[]> minted = a.json("POST", "/tokens", "{\"name\":\"ci\",\"scopes\":[\"read\"]}");
        assertThat(minted.statusCode()).as(Edge.text(minted)).isEqualTo(201);
        String ciToken = Edge.jsonOf(minted).get("token").asText();
        String adminToken = a.token();
        HttpResponse<byte[]> ciBefore = call(a, ciToken, "GET", "/apps/notes");
        assertThat(ciBefore.statusCode()).as(Edge.text(ciBefore)).isEqualTo(200);
        JsonNode data = Edge.jsonOf(a.get("notes.localhost", "/api/read"));
        assertThat(data.get("kv").asText()).isEqualTo("hello, tab\there");
        assertThat(data.get("secret").asText()).isEqualTo("s3cret");
        byte[] index = a.get("notes.localhost", "/").body();
        byte[] css = a.get("notes.localhost", "/assets/app.css").body();

        // Backed up with the CLI, which waits until the archive was read back and every hash checked; with the master
        // key in it, sealed with a passphrase.
        Cli cli = Cli.loggedIn(first.stack(), a, Map.of("FAZT_BACKUP_PASSPHRASE", PASSPHRASE));
        Stack.Result created = cli.run("backup", "create", "--include-key");
        assertThat(created.exitCode()).as(created.output()).isZero();
        java.util.regex.Matcher named = java.util.regex.Pattern.compile("backed up to (fazt-backup-[0-9-]+\\.tar\\.gz)")
                .matcher(created.output());
        assertThat(named.find()).as(created.output()).isTrue();
        String name = named.group(1);
        JsonNode run = Edge.jsonOf(a.json("GET", "/backups/" + name, null));
        assertThat(run.get("status").asText()).as(run.toString()).isEqualTo("done");
        assertThat(run.get("partsDone").asInt()).isEqualTo(6);
        Stack.Result verified = cli.run("backup", "verify", name);
        assertThat(verified.exitCode()).as(verified.output()).isZero();
        assertThat(verified.output())
                .contains("is whole")
                .contains("snapshot shared")
                .contains("key included, encrypted with a passphrase");
        assertThat(verified.output().lines().filter(l -> l.startsWith("  schemas/")))
                .hasSize(6);
        Stack.Result listed = cli.run("backup", "list");
        assertThat(listed.output()).contains(name).contains("done");

        // One flipped byte: verify refuses it, through the API and the CLI.
        String flippedName = name.replace(".tar.gz", "-9.tar.gz");
        byte[] archive = Files.readAllBytes(TARGET.resolve(name));
        archive[archive.length / 2] ^= 0x01;
        Files.write(TARGET.resolve(flippedName), archive);
        HttpResponse<byte[]> refused = a.json("POST", "/backups/" + flippedName + "/verify", null);
        assertThat(refused.statusCode()).as(Edge.text(refused)).isEqualTo(422);
        assertThat(Edge.text(refused)).containsPattern("storage/backup-(archive-damaged|hash-mismatch)");
        Stack.Result cliRefused = cli.run("backup", "verify", flippedName);
        assertThat(cliRefused.exitCode()).as(cliRefused.output()).isNotZero();

        // A restore into the populated installation itself is refused: it holds data.
        HttpResponse<byte[]> overLive = a.json("POST", "/backups/" + name + "/restore", null);
        assertThat(overLive.statusCode()).as(Edge.text(overLive)).isEqualTo(202);
        JsonNode notEmpty = awaitFinished(a, adminToken, "restore-" + name);
        assertThat(notEmpty.get("status").asText()).isEqualTo("failed");
        assertThat(notEmpty.get("error").asText()).contains("already holds data");
        assertThat(Edge.jsonOf(a.get("notes.localhost", "/api/read"))).isEqualTo(data);

        // The master key comes out of the archive on the new host, with the passphrase only.
        Path key = KEYS.resolve("master-key");
        List<String> takeKey = List.of(
                Stack.REPO.resolve("bin/fazt-server").toString(),
                "backup-key",
                "--archive",
                TARGET.resolve(name).toString(),
                "--out",
                key.toString());
        Stack.Result wrong = Stack.run(takeKey, Map.of("FAZT_BACKUP_PASSPHRASE", "not the passphrase at all"), 120);
        assertThat(wrong.exitCode()).as(wrong.output()).isEqualTo(1);
        assertThat(wrong.output()).contains("the passphrase does not open master-key.enc");
        assertThat(key).doesNotExist();
        Stack.Result taken = Stack.run(takeKey, Map.of("FAZT_BACKUP_PASSPHRASE", PASSPHRASE), 120);
        assertThat(taken.exitCode()).as(taken.output()).isZero();
        assertThat(Files.readString(key).strip())
                .isEqualTo(Files.readString(first.stack().home.resolve("master-key"))
                        .strip());
        assertThat(Files.getPosixFilePermissions(key))
                .containsExactlyInAnyOrder(
                        java.nio.file.attribute.PosixFilePermission.OWNER_READ,
                        java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);

        // A second installation with the same target and the master key taken from the archive.
        try (Stack second = Stack.create("all")
                        .with("FAZT_BACKUP_TARGET", TARGET.toString())
                        .with("FAZT_MASTER_KEY_FILE", key.toString());
                Edge b = new Edge(second)) {
            Stack.Result up = second.stack("up");
            assertThat(up.exitCode()).as(up.output()).isZero();
            String secondToken = b.token();

            // The flipped archive is refused before anything changes.
            HttpResponse<byte[]> flippedRestore = call(b, secondToken, "POST", "/backups/" + flippedName + "/restore");
            assertThat(flippedRestore.statusCode())
                    .as(Edge.text(flippedRestore))
                    .isEqualTo(202);
            JsonNode failed = awaitFinished(b, secondToken, "restore-" + flippedName);
            assertThat(failed.get("status").asText()).isEqualTo("failed");
            assertThat(failed.get("error").asText()).isNotBlank();
            assertThat(call(b, secondToken, "GET", "/apps/notes").statusCode()).isEqualTo(404);

            HttpResponse<byte[]> restore = call(b, secondToken, "POST", "/backups/" + name + "/restore");
            assertThat(restore.statusCode()).as(Edge.text(restore)).isEqualTo(202);
            JsonNode restored = awaitFinished(b, secondToken, "restore-" + name);
            assertThat(restored.get("status").asText()).as(restored.toString()).isEqualTo("done");

            // The services start again on the restored data (their caches were filled before it).
            assertThat(second.stack("down").exitCode()).isZero();
            Stack.Result again = second.stack("up");
            assertThat(again.exitCode()).as(again.output()).isZero();

            assertThat(b.get("notes.localhost", "/").body()).isEqualTo(index);
            assertThat(b.get("notes.localhost", "/assets/app.css").body()).isEqualTo(css);
            assertThat(Edge.jsonOf(b.get("notes.localhost", "/api/read"))).isEqualTo(data);
            // Tokens of the first installation authenticate here; the secret decrypted above with the same key.
            // API tokens come from the archive; the bootstrap admin token stays the installation's own setting.
            HttpResponse<byte[]> ciAfter = call(b, ciToken, "GET", "/apps/notes");
            assertThat(ciAfter.statusCode()).as(Edge.text(ciAfter)).isEqualTo(200);
            HttpResponse<byte[]> ownAfter = call(b, secondToken, "GET", "/backups");
            assertThat(ownAfter.statusCode()).as(Edge.text(ownAfter)).isEqualTo(200);
            assertThat(Edge.jsonOf(ownAfter).get("runs").toString()).contains("restore-" + name);
        }
    }

    private static HttpResponse<byte[]> call(Edge edge, String token, String method, String path) throws Exception {
        return edge.send(
                method,
                "admin.localhost",
                "/api" + path,
                HttpRequest.BodyPublishers.noBody(),
                "Authorization",
                "Bearer " + token);
    }

    /** Polls a backup or restore until it is done or failed. */
    private static JsonNode awaitFinished(Edge edge, String token, String name) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (true) {
            HttpResponse<byte[]> got = call(edge, token, "GET", "/backups/" + name);
            assertThat(got.statusCode()).as(Edge.text(got)).isEqualTo(200);
            JsonNode run = Edge.jsonOf(got);
            String status = run.get("status").asText();
            if (status.equals("done") || status.equals("failed")) {
                return run;
            }
            assertThat(System.nanoTime() - deadline)
                    .as("%s still %s", name, status)
                    .isNegative();
            Thread.sleep(250);
        }
    }
}
