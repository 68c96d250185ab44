package fazt.deploy.domain;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * Expands a zip or tar.gz bundle into a temporary directory, refusing anything hostile before it can matter: absolute
 * or escaping paths, symbolic and hard links, devices and other special entries, duplicate paths, names that are not
 * UTF-8, encrypted or unreadable entries, and more files, more bytes or a higher compression ratio than the limits
 * allow. Sizes are counted as bytes are actually written, never taken from headers, so a lying archive stops at the
 * limit. Every rejection names the entry and changes nothing.
 */
public final class BundleReader {
    private static final int UNIX_TYPE_MASK = 0170000;
    private static final int UNIX_REGULAR = 0100000;
    private static final int UNIX_DIRECTORY = 0040000;

    private final BundleLimits limits;
    private final Path workDir;

    /** @param workDir where bundles are expanded (each in a directory of its own); null for the system's temp dir */
    public BundleReader(BundleLimits limits, Path workDir) {
        this.limits = limits;
        this.workDir = workDir;
    }

    public ExtractedBundle read(Path archive) {
        Path directory;
        try {
            directory = workDir == null
                    ? Files.createTempDirectory("fazt-bundle-")
                    : Files.createTempDirectory(workDir, "fazt-bundle-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Extraction extraction = new Extraction(directory, size(archive));
        try {
            switch (format(archive)) {
                case ZIP -> readZip(archive, extraction);
                case TAR_GZ -> readTarGz(archive, extraction);
            }
            if (extraction.files.isEmpty()) {
                throw new DeployException.BundleRejected(null, "The bundle holds no files.");
            }
            return new ExtractedBundle(directory, Collections.unmodifiableList(extraction.files));
        } catch (RuntimeException e) {
            new ExtractedBundle(directory, List.of()).close();
            throw e;
        } catch (IOException e) {
            new ExtractedBundle(directory, List.of()).close();
            throw new DeployException.BundleRejected(null, "The archive is damaged or truncated and cannot be read.");
        }
    }

    private enum Format {
        ZIP,
        TAR_GZ
    }

    private Format format(Path archive) {
        byte[] magic = new byte[4];
        try (InputStream in = Files.newInputStream(archive)) {
            int n = in.readNBytes(magic, 0, 4);
            if (n >= 4 && magic[0] == 'P' && magic[1] == 'K' && (magic[2] == 3 || magic[2] == 5)) {
                return Format.ZIP;
            }
            if (n >= 2 && (magic[0] & 0xff) == 0x1f && (magic[1] & 0xff) == 0x8b) {
                return Format.TAR_GZ;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new DeployException.BundleRejected(null, "The upload is not a zip or tar.gz archive.");
    }

    private void readZip(Path archive, Extraction extraction) throws IOException {
        try (ZipFile zip = ZipFile.builder().setPath(archive).get()) {
            for (ZipArchiveEntry entry : Collections.list(zip.getEntries())) {
                String name = BundlePath.decode(
                        entry.getRawName() != null
                                ? entry.getRawName()
                                : entry.getName().getBytes(StandardCharsets.UTF_8));
                int type = entry.getUnixMode() & UNIX_TYPE_MASK;
                if (entry.isUnixSymlink()) {
                    throw new DeployException.BundleRejected(name, "symbolic links are not allowed");
                }
                if (entry.isDirectory() || type == UNIX_DIRECTORY) {
                    continue;
                }
                if (type != 0 && type != UNIX_REGULAR) {
                    throw new DeployException.BundleRejected(
                            name, "device files and other special entries are not allowed");
                }
                if (entry.getGeneralPurposeBit().usesEncryption()) {
                    throw new DeployException.BundleRejected(name, "encrypted entries are not supported");
                }
                if (!zip.canReadEntryData(entry)) {
                    throw new DeployException.BundleRejected(
                            name, "compressed with an unsupported method; use deflate");
                }
                try (InputStream in = zip.getInputStream(entry)) {
                    extraction.add(name, in);
                }
            }
        }
    }

    private void readTarGz(Path archive, Extraction extraction) throws IOException {
        try (InputStream file = new BufferedInputStream(Files.newInputStream(archive));
                GzipCompressorInputStream gzip = new GzipCompressorInputStream(file, true);
                TarArchiveInputStream tar = new TarArchiveInputStream(gzip, "UTF-8")) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                String name = entry.getName();
                if (name.indexOf('\uFFFD') >= 0) {
                    throw new DeployException.BundleRejected(name, "the name is not valid UTF-8");
                }
                if (entry.isSymbolicLink() || entry.isLink()) {
                    throw new DeployException.BundleRejected(name, "symbolic and hard links are not allowed");
                }
                if (entry.isCharacterDevice() || entry.isBlockDevice() || entry.isFIFO()) {
                    throw new DeployException.BundleRejected(
                            name, "device files and other special entries are not allowed");
                }
                if (entry.isDirectory()) {
                    continue;
                }
                if (!entry.isFile()) {
                    throw new DeployException.BundleRejected(
                            name, "device files and other special entries are not allowed");
                }
                extraction.add(name, tar);
            }
        }
    }

    private static long size(Path archive) {
        try {
            return Files.size(archive);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The running state of one expansion: files so far, bytes so far, paths seen. */
    private final class Extraction {
        final Path directory;
        final long archiveBytes;
        final List<BundleFile> files = new ArrayList<>();
        final Set<String> seen = new HashSet<>();
        long expanded;

        Extraction(Path directory, long archiveBytes) {
            this.directory = directory;
            this.archiveBytes = Math.max(archiveBytes, 1);
        }

        void add(String name, InputStream content) throws IOException {
            String path = BundlePath.check(name);
            if (!seen.add(path)) {
                throw new DeployException.BundleRejected(path, "appears twice in the bundle");
            }
            if (files.size() >= limits.maxFiles()) {
                throw new DeployException.BundleRejected(
                        path, "the bundle has more than " + limits.maxFiles() + " files");
            }
            Path target = directory.resolve("f" + files.size());
            MessageDigest sha = sha256();
            long size = 0;
            byte[] buffer = new byte[64 * 1024];
            try (OutputStream out = new DigestOutputStream(Files.newOutputStream(target), sha)) {
                int n;
                while ((n = content.read(buffer)) > 0) {
                    size += n;
                    expanded += n;
                    checkLimits(path);
                    out.write(buffer, 0, n);
                }
            }
            files.add(new BundleFile(path, size, HexFormat.of().formatHex(sha.digest()), target));
        }

        private void checkLimits(String path) {
            if (expanded > limits.maxTotalBytes()) {
                throw new DeployException.BundleRejected(
                        path, "the expanded bundle exceeds " + limits.maxTotalBytes() / (1024 * 1024) + " MB");
            }
            if (expanded > limits.ratioFloorBytes() && expanded / archiveBytes > limits.maxRatio()) {
                throw new DeployException.BundleRejected(
                        path,
                        "expands more than " + limits.maxRatio()
                                + " times its compressed size; this looks like a zip bomb");
            }
        }
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
