package fazt.storage.backup;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** A part written to a local spool file, with its size and SHA-256 taken on the way. */
record SpooledPart(Path file, long size, String sha256) {
    /** Copies {@code in} to {@code file}, counting and hashing; {@code progress} sees each block's size. */
    static SpooledPart spool(InputStream in, Path file, java.util.function.LongConsumer progress) throws IOException {
        MessageDigest sha = newDigest();
        long size = 0;
        try (OutputStream out = new DigestOutputStream(Files.newOutputStream(file), sha)) {
            byte[] buffer = new byte[64 * 1024];
            int n;
            while ((n = in.read(buffer)) >= 0) {
                out.write(buffer, 0, n);
                size += n;
                progress.accept(n);
            }
        }
        return new SpooledPart(file, size, HexFormat.of().formatHex(sha.digest()));
    }

    static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-256", e);
        }
    }
}
