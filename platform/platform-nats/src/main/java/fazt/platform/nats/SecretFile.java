package fazt.platform.nats;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * A secret on disk in a file only its owner can read (0600): the one way fazt writes one (the master key, database
 * passwords, the bootstrap admin token and setup link, the services' NATS seeds). The content goes whole into a
 * temporary file that is <em>created</em> with those permissions (never created open and narrowed after), which then
 * replaces the old file in one move, so the secret is readable by nobody else, not even for a moment, and a reader
 * never sees half of it. Here, in the lowest module every writer depends on (platform-nats, below platform-service).
 */
public final class SecretFile {
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private SecretFile() {}

    /** Writes {@code secret} and a newline to {@code file}, creating its directory; replaces an older file. */
    public static void write(Path file, String secret) throws IOException {
        write(file, (secret + "\n").getBytes(StandardCharsets.UTF_8));
    }

    /** Writes {@code content} to {@code file}, creating its directory; replaces an older file. */
    public static void write(Path file, byte[] content) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path temp;
        try {
            FileAttribute<Set<PosixFilePermission>> ownerOnly = PosixFilePermissions.asFileAttribute(OWNER_ONLY);
            temp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp", ownerOnly);
        } catch (UnsupportedOperationException e) {
            temp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp"); // not POSIX: default permissions
        }
        try {
            Files.write(temp, content);
            try {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException | FileAlreadyExistsException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** The secret in {@code file}, without surrounding white space. */
    public static String read(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.UTF_8).strip();
    }
}
