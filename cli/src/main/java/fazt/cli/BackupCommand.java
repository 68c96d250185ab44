package fazt.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.Console;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code fazt backup create|list|verify|restore}: archives of the whole installation, kept by the server. */
@Command(
        name = "backup",
        description = {
            "Back up the whole installation into one verified archive, list and check archives, restore one.",
            "Archives are written by the server to FAZT_BACKUP_TARGET, not to this machine."
        },
        footer = {
            "",
            "Examples:",
            "  fazt backup create                    (waits until the archive was read back and every hash checked)",
            "  fazt backup list",
            "  fazt backup verify fazt-backup-20261208-011500.tar.gz",
            "  fazt backup restore fazt-backup-20261208-011500.tar.gz   (into an empty installation)",
            "",
            "  FAZT_BACKUP_PASSPHRASE=... fazt backup create --include-key   (the master key in it, sealed)",
            "",
            "Without --include-key the master key is not in an archive: keep it separately (docs/backups.md)."
        })
final class BackupCommand extends AdminCommandGroup implements Callable<Integer> {
    /** How long create and restore wait for the server to finish. */
    static final Duration WAIT = Duration.ofHours(6);

    private static final Duration POLL = Duration.ofMillis(500);

    @Override
    public Integer call() {
        throw missingCommand("create, list, verify or restore");
    }

    @Command(name = "create", description = "Back up every service's data at one instant; waits until it is done.")
    int create(
            @Option(names = "--no-wait", description = "print the backup's name and return at once") boolean noWait,
            @Option(
                            names = "--include-key",
                            description = "also put the master key in the archive, sealed with a passphrase"
                                    + " (FAZT_BACKUP_PASSPHRASE, or asked on the terminal; 12 characters or more)")
                    boolean includeKey)
            throws InterruptedException {
        AdminClient admin = admin();
        ObjectNode body = AdminClient.JSON.createObjectNode();
        if (includeKey) {
            body.put("includeKey", true).put("passphrase", passphrase());
        }
        JsonNode started = admin.send("POST", AdminClient.path("backups"), body).json();
        String name = started.path("name").asText();
        if (noWait) {
            return print("started " + name + "; follow it with: fazt backup list");
        }
        JsonNode run = await(admin, name);
        return finished(run, "backed up to " + name + " (" + run.path("bytes").asLong() + " bytes, verified)");
    }

    /** The passphrase that seals the master key: FAZT_BACKUP_PASSPHRASE, else typed twice on the terminal. */
    private String passphrase() {
        String given = Fazt.of(spec).env().get("FAZT_BACKUP_PASSPHRASE");
        if (given != null) {
            return given;
        }
        Console console = Terminal.console();
        if (console == null) {
            throw new CliFailure("no passphrase: set FAZT_BACKUP_PASSPHRASE or run on a terminal");
        }
        char[] first = console.readPassword("Passphrase for the master key (12 characters or more): ");
        char[] again = console.readPassword("The same passphrase again: ");
        if (first == null || again == null || !java.util.Arrays.equals(first, again)) {
            throw new CliFailure("the two passphrases differ");
        }
        return new String(first);
    }

    @Command(name = "list", description = "List backups and restores, newest first, and the archives kept.")
    int list(@Option(names = "--json", description = "print the server's JSON") boolean json) {
        AdminClient.Reply reply = admin().get(AdminClient.path("backups"));
        if (json) {
            return print(reply.body());
        }
        JsonNode runs = reply.json().path("runs");
        if (runs.isEmpty()) {
            return print("no backups yet; make one with: fazt backup create");
        }
        Table table = new Table("name", "kind", "status", "bytes", "parts", "started", "error");
        for (JsonNode r : runs) {
            table.row(
                    r.path("name").asText(),
                    r.path("kind").asText(),
                    r.path("status").asText(),
                    r.path("bytes").asLong(),
                    r.path("partsDone").asInt() + "/" + r.path("partsTotal").asInt(),
                    Table.time(r.path("startedAt").asText(null)),
                    r.path("error").asText(""));
        }
        table.print(out());
        return 0;
    }

    @Command(name = "verify", description = "Read an archive back and check its manifest and every part's SHA-256.")
    int verify(@Parameters(paramLabel = "NAME", description = "the archive") String name) {
        JsonNode check = admin().send("POST", AdminClient.path("backups", name, "verify"), null, WAIT)
                .json();
        print(name + " is whole: fazt " + check.path("faztVersion").asText() + ", snapshot "
                + check.path("snapshot").asText() + ", key " + check.path("key").asText() + ", "
                + check.path("bytes").asLong() + " bytes");
        for (JsonNode part : check.path("parts")) {
            print("  " + part.asText());
        }
        return 0;
    }

    @Command(
            name = "restore",
            description = {
                "Restore an archive into this (empty) installation. Every hash is checked before anything changes;",
                "a failure leaves the installation as it was. Restart the services when it is done."
            })
    int restore(@Parameters(paramLabel = "NAME", description = "the archive") String name) throws InterruptedException {
        AdminClient admin = admin();
        JsonNode started = admin.send("POST", AdminClient.path("backups", name, "restore"), null)
                .json();
        JsonNode run;
        try {
            run = await(admin, started.path("name").asText());
        } catch (CliFailure e) {
            // The restore replaces users, sessions and API tokens with the archive's: a login other than the
            // bootstrap admin token may have gone with them.
            throw new CliFailure(e.getMessage() + "; if the restore replaced this login, log in again (the bootstrap"
                    + " admin token, or a token of the backed-up installation) and check: fazt backup list");
        }
        if (!"done".equals(run.path("status").asText())) {
            return finished(run, "");
        }
        for (Map.Entry<String, JsonNode> service : run.path("restored").properties()) {
            long rows = 0;
            for (JsonNode n : service.getValue()) {
                rows += n.asLong();
            }
            print("  " + service.getKey() + ": " + rows + " rows in "
                    + service.getValue().size() + " tables");
        }
        return print("restored " + name + "; restart the services now (scripts/stack down && scripts/stack up)");
    }

    /** Polls the run until it is done or failed, showing its progress on a terminal. */
    private JsonNode await(AdminClient admin, String name) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        String shown = "";
        while (true) {
            JsonNode run = admin.get(AdminClient.path("backups", name)).json();
            String status = run.path("status").asText();
            if (status.equals("done") || status.equals("failed")) {
                return run;
            }
            String line = name + ": " + status + ", " + run.path("partsDone").asInt() + "/"
                    + run.path("partsTotal").asInt() + " parts, "
                    + run.path("bytes").asLong() + " bytes";
            if (!line.equals(shown)) {
                out().println(line);
                out().flush();
                shown = line;
            }
            if (System.nanoTime() - deadline > 0) {
                throw new CliFailure(name + " is still " + status + " after " + WAIT.toHours() + " hours");
            }
            Thread.sleep(POLL.toMillis());
        }
    }

    private int finished(JsonNode run, String success) {
        if ("failed".equals(run.path("status").asText())) {
            throw new CliFailure(
                    run.path("name").asText() + " failed: " + run.path("error").asText());
        }
        return print(success);
    }
}
