package fazt.e2e;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;

/** Builds test bundles: zips of named text files, and the hostile kinds a real attacker would send. */
final class Bundles {
    private Bundles() {}

    static Map<String, String> files(String... pathsAndContents) {
        Map<String, String> files = new LinkedHashMap<>();
        for (int i = 0; i < pathsAndContents.length; i += 2) {
            files.put(pathsAndContents[i], pathsAndContents[i + 1]);
        }
        return files;
    }

    static Path zip(Map<String, String> files) throws IOException {
        Path zip = Files.createTempFile("fazt-e2e-", ".zip");
        try (OutputStream out = Files.newOutputStream(zip);
                ZipOutputStream z = new ZipOutputStream(out)) {
            for (Map.Entry<String, String> file : files.entrySet()) {
                z.putNextEntry(new ZipEntry(file.getKey()));
                z.write(file.getValue().getBytes(StandardCharsets.UTF_8));
                z.closeEntry();
            }
        }
        return zip;
    }

    /** A zip with a symbolic link entry (unix mode 0120777 in the central directory), built by hand-patching. */
    static Path symlinkZip() throws IOException {
        Path zip = Files.createTempFile("fazt-e2e-", ".zip");
        try (var out = new ZipArchiveOutputStream(zip.toFile())) {
            var entry = new ZipArchiveEntry("link");
            entry.setUnixMode(0120777);
            out.putArchiveEntry(entry);
            out.write("/etc/passwd".getBytes(StandardCharsets.UTF_8));
            out.closeArchiveEntry();
        }
        return zip;
    }

    /** 50 MB of zeros: compresses to about 50 KB. */
    static Path bomb() throws IOException {
        Path zip = Files.createTempFile("fazt-e2e-", ".zip");
        try (OutputStream out = Files.newOutputStream(zip);
                ZipOutputStream z = new ZipOutputStream(out)) {
            z.putNextEntry(new ZipEntry("bomb.bin"));
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 50; i++) {
                z.write(zeros);
            }
            z.closeEntry();
        }
        return zip;
    }

    static Path manyFiles(int count) throws IOException {
        Map<String, String> files = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            files.put("f/" + i + ".txt", "x");
        }
        return zip(files);
    }
}
