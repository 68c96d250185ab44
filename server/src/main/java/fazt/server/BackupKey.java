package fazt.server;

import com.fasterxml.jackson.databind.JsonNode;
import fazt.platform.backup.KeyEnvelope;
import fazt.platform.nats.SecretFile;
import fazt.proto.MessageCodec;
import java.io.BufferedInputStream;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * {@code fazt-server backup-key --archive FILE [--out FILE]}: takes the master key out of an archive made with
 * {@code --include-key} (ADR 39), on the host of a new installation, before its services start: the entry's SHA-256
 * is checked against the manifest, the passphrase ({@code FAZT_BACKUP_PASSPHRASE}, else asked on the terminal) opens
 * it, and it is written owner-only to {@code --out} (default {@code FAZT_MASTER_KEY_FILE}), never over an existing
 * file. Exit 0 when written, 1 with one line saying why not.
 */
final class BackupKey {
    static final String ENTRY = "master-key.enc";
    /** A sealed key is a few hundred bytes; anything much larger is not one. */
    static final int MAX_ENVELOPE = 64 * 1024;

    private BackupKey() {}

    static int run(Map<String, String> env, List<String> args, PrintStream out, PrintStream err) {
        try {
            Path archive = null;
            Path target = env.get("FAZT_MASTER_KEY_FILE") == null ? null : Path.of(env.get("FAZT_MASTER_KEY_FILE"));
            for (int i = 0; i < args.size(); i++) {
                switch (args.get(i)) {
                    case "--archive" -> archive = Path.of(value(args, ++i, "--archive"));
                    case "--out" -> target = Path.of(value(args, ++i, "--out"));
                    default ->
                        throw new Refused("unknown argument " + args.get(i)
                                + "; usage: fazt-server backup-key --archive FILE [--out FILE]");
                }
            }
            if (archive == null) {
                throw new Refused("usage: fazt-server backup-key --archive FILE [--out FILE]");
            }
            if (target == null) {
                throw new Refused("where to? give --out FILE or set FAZT_MASTER_KEY_FILE");
            }
            if (Files.exists(target)) {
                throw new Refused(target + " exists: a master key is never overwritten; move it away first");
            }
            byte[] envelope = envelope(archive);
            byte[] key = KeyEnvelope.open(envelope, passphrase(env));
            SecretFile.write(target, new String(key, StandardCharsets.UTF_8));
            out.println("wrote the master key of " + archive.getFileName() + " to " + target + " (owner-only)");
            return 0;
        } catch (Refused e) {
            err.println("fazt-server backup-key: " + e.getMessage());
        } catch (KeyEnvelope.WrongPassphrase e) {
            err.println("fazt-server backup-key: " + e.getMessage());
        } catch (IOException | IllegalArgumentException e) {
            err.println("fazt-server backup-key: cannot read the archive: " + e.getMessage());
        }
        return 1;
    }

    /** The sealed key's bytes, once its size and SHA-256 match the manifest's. */
    static byte[] envelope(Path archive) throws IOException {
        JsonNode manifest = null;
        try (InputStream file = new BufferedInputStream(Files.newInputStream(archive));
                TarArchiveInputStream tar = new TarArchiveInputStream(new GzipCompressorInputStream(file))) {
            for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                if (manifest == null) {
                    if (!entry.getName().equals("manifest.json") || entry.getSize() > MAX_ENVELOPE * 16L) {
                        throw new Refused(archive + " is not a fazt backup (no manifest first)");
                    }
                    manifest = MessageCodec.INSTANCE.mapper().readTree(tar.readAllBytes());
                    continue;
                }
                if (!entry.getName().equals(ENTRY)) {
                    continue;
                }
                JsonNode part = part(manifest, archive);
                if (entry.getSize() > MAX_ENVELOPE
                        || entry.getSize() != part.path("size").asLong()) {
                    throw new Refused(ENTRY + " has another size than the manifest says: the archive was changed");
                }
                byte[] bytes = tar.readNBytes(MAX_ENVELOPE);
                if (!sha256(bytes).equals(part.path("sha256").asText())) {
                    throw new Refused(ENTRY + " does not match the manifest's SHA-256: the archive was changed");
                }
                return bytes;
            }
        }
        if (manifest == null) {
            throw new Refused(archive + " is empty");
        }
        part(manifest, archive);
        throw new Refused(archive + " lists " + ENTRY + " but does not hold it: the archive is cut short");
    }

    private static JsonNode part(JsonNode manifest, Path archive) {
        for (JsonNode p : manifest.path("parts")) {
            if (ENTRY.equals(p.path("name").asText())
                    && "key".equals(p.path("kind").asText())) {
                return p;
            }
        }
        throw new Refused(archive.getFileName() + " holds no master key (made without --include-key): its manifest says"
                + " the key is \"" + manifest.path("key").asText() + "\"");
    }

    private static char[] passphrase(Map<String, String> env) {
        String given = env.get("FAZT_BACKUP_PASSPHRASE");
        if (given != null) {
            return given.toCharArray();
        }
        Console console = System.console();
        if (console == null) {
            throw new Refused("no passphrase: set FAZT_BACKUP_PASSPHRASE or run on a terminal");
        }
        char[] typed = console.readPassword("Passphrase of the archive's master key: ");
        return typed == null ? new char[0] : typed;
    }

    private static String value(List<String> args, int i, String option) {
        if (i >= args.size()) {
            throw new Refused(option + " needs a value");
        }
        return args.get(i);
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Why no key was written. */
    static final class Refused extends RuntimeException {
        Refused(String message) {
            super(message);
        }
    }
}
