package fazt.server.release;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 and size checks of release files. */
final class Hashing {
    private Hashing() {}

    /** Copies {@code in} to {@code out}, refusing more bytes than the manifest says, a shorter file, or another hash. */
    static void copyChecked(InputStream in, OutputStream out, ReleaseManifest.JarFile file)
            throws IOException, ReleaseException {
        MessageDigest sha = sha256();
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        int n;
        while ((n = in.read(buffer)) > 0) {
            total += n;
            if (total > file.size()) {
                throw new ReleaseException(
                        file.path() + " is larger than the " + file.size() + " bytes release.json says: refused");
            }
            sha.update(buffer, 0, n);
            out.write(buffer, 0, n);
        }
        if (total != file.size()) {
            throw new ReleaseException(
                    file.path() + " has " + total + " bytes, release.json says " + file.size() + ": refused");
        }
        String actual = HexFormat.of().formatHex(sha.digest());
        if (!actual.equals(file.sha256())) {
            throw new ReleaseException(
                    file.path() + " has SHA-256 " + actual + ", release.json says " + file.sha256() + ": refused");
        }
    }

    static boolean matches(Path local, ReleaseManifest.JarFile file) throws IOException {
        if (Files.size(local) != file.size()) {
            return false;
        }
        try (InputStream in = Files.newInputStream(local)) {
            copyChecked(in, OutputStream.nullOutputStream(), file);
            return true;
        } catch (ReleaseException e) {
            return false;
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
