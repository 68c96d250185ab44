package fazt.storage.backup;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;

/** Where archives are kept: a directory storage-svc can write, or an S3 prefix (FAZT_BACKUP_TARGET). */
interface BackupTarget {
    /** The target as the setting names it, for the records and messages. */
    String describe();

    /** Writes an archive's bytes. */
    @FunctionalInterface
    interface Writer {
        void write(OutputStream out) throws IOException;
    }

    /**
     * Writes archive {@code name} with {@code writer}; it becomes visible under that name only when the writer
     * returned normally, so a backup cut short never looks like an archive.
     */
    void write(String name, Writer writer) throws IOException;

    /** Reads archive {@code name}; fails if there is none. */
    InputStream open(String name) throws IOException;

    /** The archives there, by name. */
    List<String> list() throws IOException;

    void delete(String name) throws IOException;
}
