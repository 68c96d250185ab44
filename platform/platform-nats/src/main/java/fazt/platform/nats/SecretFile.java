package fazt.platform.service.secrets;

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
 * A generated secret handed to the operator in a file only its owner can read (0600): written whole to a temporary
 * file created with those permissions, then moved over the old one, so the secret is never readable by others, not
 * even for a moment, and a reader never sees half of it. The one way fazt writes a secret to disk.
 */
public final class SecretFile {
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private SecretFile() {}

    /** Writes {@code secret} and a newline to {@code file}, creating its directory; replaces an older file. */
    public static void write(Path file, String secret) throws IOException {
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
            Files.writeString(temp, secret + "\n", StandardCharsets.UTF_8);
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
