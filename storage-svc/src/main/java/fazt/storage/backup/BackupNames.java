package fazt.storage.backup;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.regex.Pattern;

/** Archive names: {@code fazt-backup-<UTC time>.tar.gz}, so they sort by age and say what they are. */
final class BackupNames {
    static final String SUFFIX = ".tar.gz";
    private static final Pattern NAME = Pattern.compile("fazt-backup-[0-9]{8}-[0-9]{6}(-[0-9]{1,3})?\\.tar\\.gz");
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    private BackupNames() {}

    static String at(Instant when) {
        return "fazt-backup-" + TIME.format(when) + SUFFIX;
    }

    /** The same name with {@code -n} before the suffix, for two backups in one second. */
    static String nth(String name, int n) {
        return name.substring(0, name.length() - SUFFIX.length()) + "-" + n + SUFFIX;
    }

    static boolean isArchive(String name) {
        return name != null && NAME.matcher(name).matches();
    }

    /** {@code name} if it is an archive name; an {@link IllegalArgumentException} otherwise. */
    static String require(String name) {
        if (!isArchive(name)) {
            throw new IllegalArgumentException("not a backup name: " + name);
        }
        return name;
    }
}
