package fazt.storage.backup;

import fazt.proto.MessageCodec;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;

/**
 * The archive layout (ADR 39): a gzip-compressed tar stream whose first entry is {@link BackupManifest#ENTRY},
 * followed by exactly the manifest's parts, in its order. Reading checks every part's size and SHA-256 against the
 * manifest as it streams, so a damaged archive is refused before anything is taken from it.
 */
final class BackupArchive {
    /** A manifest larger than this is not one. */
    static final int MAX_MANIFEST = 1024 * 1024;

    private BackupArchive() {}

    /** Writes the manifest, then each part from {@code files} (by part name), to {@code out}. */
    static void write(OutputStream out, BackupManifest manifest, Map<String, Path> files) throws IOException {
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(out))) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            byte[] json = MessageCodec.INSTANCE
                    .mapper()
                    .writerWithDefaultPrettyPrinter()
                    .writeValueAsBytes(manifest);
            TarArchiveEntry head = new TarArchiveEntry(BackupManifest.ENTRY);
            head.setSize(json.length);
            head.setModTime(manifest.createdAt().toEpochMilli());
            tar.putArchiveEntry(head);
            tar.write(json);
            tar.closeArchiveEntry();
            for (BackupManifest.Part part : manifest.parts()) {
                Path file = files.get(part.name());
                TarArchiveEntry entry = new TarArchiveEntry(part.name());
                entry.setSize(Files.size(file));
                entry.setModTime(manifest.createdAt().toEpochMilli());
                tar.putArchiveEntry(entry);
                Files.copy(file, tar);
                tar.closeArchiveEntry();
            }
            tar.finish();
        }
    }

    /**
     * Reads a whole archive and checks it against its manifest; with {@code spool} non-null, each part is also kept
     * there under its name's last segment (for a restore). Returns the manifest of an archive found whole.
     */
    static BackupManifest check(InputStream in, Path spool, java.util.function.LongConsumer progress) {
        try (GzipCompressorInputStream gzip = new GzipCompressorInputStream(in);
                TarArchiveInputStream tar = new TarArchiveInputStream(gzip)) {
            TarArchiveEntry first = tar.getNextEntry();
            if (first == null || !first.getName().equals(BackupManifest.ENTRY) || first.getSize() > MAX_MANIFEST) {
                throw new ArchiveRefused(ArchiveRefused.DAMAGED, "the archive does not start with its manifest");
            }
            BackupManifest manifest;
            try {
                manifest = MessageCodec.INSTANCE.mapper().readValue(tar.readAllBytes(), BackupManifest.class);
            } catch (IOException e) {
                throw new ArchiveRefused(ArchiveRefused.DAMAGED, "the manifest is not valid: " + e.getMessage());
            }
            if (manifest.format() > BackupManifest.FORMAT) {
                throw new ArchiveRefused(
                        ArchiveRefused.NEWER,
                        "the archive has layout " + manifest.format() + ", newer than this build reads ("
                                + BackupManifest.FORMAT + ")");
            }
            for (BackupManifest.Part part : manifest.parts()) {
                TarArchiveEntry entry = tar.getNextEntry();
                if (entry == null || !entry.getName().equals(part.name())) {
                    throw new ArchiveRefused(
                            ArchiveRefused.DAMAGED, "the archive lacks " + part.name() + " where its manifest has it");
                }
                MessageDigest sha = SpooledPart.newDigest();
                long size = 0;
                try (OutputStream out = new DigestOutputStream(
                        spool == null ? OutputStream.nullOutputStream() : Files.newOutputStream(spoolFile(spool, part)),
                        sha)) {
                    byte[] buffer = new byte[64 * 1024];
                    int n;
                    while ((n = tar.read(buffer)) >= 0) {
                        out.write(buffer, 0, n);
                        size += n;
                        progress.accept(n);
                    }
                }
                String digest = HexFormat.of().formatHex(sha.digest());
                if (size != part.size() || !digest.equals(part.sha256())) {
                    throw new ArchiveRefused(
                            ArchiveRefused.HASH_MISMATCH,
                            part.name() + " does not match the manifest (size " + size + " of " + part.size()
                                    + ", sha256 " + digest + " instead of " + part.sha256() + ")");
                }
            }
            if (tar.getNextEntry() != null) {
                throw new ArchiveRefused(ArchiveRefused.DAMAGED, "the archive has entries its manifest does not list");
            }
            // Read to the end of the gzip stream, so its CRC and length are checked too (the tar's end padding).
            gzip.transferTo(OutputStream.nullOutputStream());
            return manifest;
        } catch (IOException e) {
            throw new ArchiveRefused(ArchiveRefused.DAMAGED, "the archive is damaged: " + e.getMessage());
        }
    }

    /** Where a part is spooled: its name's last segment, which the manifest's names keep unique. */
    static Path spoolFile(Path spool, BackupManifest.Part part) {
        String name = part.name().substring(part.name().lastIndexOf('/') + 1);
        if (!name.matches("[a-z0-9][a-z0-9._-]{0,100}")) {
            throw new ArchiveRefused(ArchiveRefused.DAMAGED, "the manifest names a part oddly: " + part.name());
        }
        return spool.resolve(name);
    }
}
