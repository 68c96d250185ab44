package fazt.server;

import fazt.platform.service.PlatformSettings;
import fazt.platform.service.ServiceDefinition;
import fazt.platform.service.settings.Setting;
import fazt.platform.service.settings.SettingType;
import fazt.platform.service.settings.SettingsCatalogue;
import fazt.proto.ServiceName;
import java.util.List;
import java.util.Map;

/**
 * The settings of the launcher itself (ADR 23): which services a process runs, what {@code fazt-server provision}
 * logs in as, and what {@code bin/fazt-server} and {@code scripts/stack} read before any JVM starts (those two check
 * their own; {@code fazt-server settings} shows them).
 */
final class ServerSettings {
    static final Setting TARGETS = Setting.of(
                    Targets.VARIABLE,
                    SettingType.STRING,
                    "all",
                    "services this process runs: `all`, or a list such as `gateway,deploy,storage`")
            .parsedBy(Targets::parse)
            .readBy("fazt-server", "bin/fazt-server", "scripts/stack");
    static final Setting DB_ADMIN_USER = Setting.of(
                    "FAZT_DB_ADMIN_USER",
                    SettingType.STRING,
                    "postgres",
                    "the PostgreSQL login `fazt-server provision` creates the database, roles and schemas with")
            .readBy("fazt-server provision");
    static final Setting DB_ADMIN_PASSWORD = Setting.of(
                    "FAZT_DB_ADMIN_PASSWORD", SettingType.SECRET, null, "the password of `FAZT_DB_ADMIN_USER`")
            .defaultText("`FAZT_DB_ADMIN_PASSWORD_FILE`, else empty")
            .parsedBy(PlatformSettings::notPlaceholder)
            .readBy("fazt-server provision");
    static final Setting DB_ADMIN_PASSWORD_FILE = Setting.of(
                    "FAZT_DB_ADMIN_PASSWORD_FILE",
                    SettingType.STRING,
                    null,
                    "a file holding that password, read when `FAZT_DB_ADMIN_PASSWORD` is unset (compose generates one)")
            .readBy("fazt-server provision");

    /** ADR 31: where provision writes the nats-server configuration of this installation. */
    static final Setting NATS_CONFIG_FILE = Setting.of(
                    "FAZT_NATS_CONFIG_FILE",
                    SettingType.STRING,
                    null,
                    "where `fazt-server provision` writes the nats-server configuration (one account for "
                            + "`FAZT_SUBJECT_ROOT`, a user per service with its permissions)")
            .defaultText("none written")
            .requires(PlatformSettings.NATS_CREDENTIALS_DIR.name())
            .readBy("fazt-server provision", "scripts/stack");

    static final List<Setting> ALL = List.of(
            TARGETS,
            DB_ADMIN_USER,
            DB_ADMIN_PASSWORD,
            NATS_CONFIG_FILE,
            DB_ADMIN_PASSWORD_FILE,
            Setting.of(
                            "FAZT_HEAP",
                            SettingType.STRING,
                            null,
                            "JVM heap limit; the heap starts at 16 MB and grows as needed")
                    .defaultText(
                            "`64m` per service, `112m` gateway, `384m` mail, `320m` with the runtime, `192m` for several")
                    .parsedBy(ServerSettings::heap)
                    .readBy("bin/fazt-server"),
            Setting.bool(
                            "FAZT_JS_JIT",
                            true,
                            "`false` runs JavaScript without the Graal JIT: about 80 MB less for "
                                    + "runtime-svc, much slower JavaScript (docs/runtime-engine.md)")
                    .readBy("bin/fazt-server"),
            Setting.of(
                            "FAZT_JAVA_OPTS",
                            SettingType.STRING,
                            null,
                            "JVM flags added after the defaults, so they can also undo one")
                    .defaultText("empty")
                    .readBy("bin/fazt-server"),
            Setting.of(
                            "FAZT_CDS_DIR",
                            SettingType.STRING,
                            null,
                            "where the class-data sharing archives live (docs/operations.md)")
                    .defaultText("`$FAZT_HOME/cds`")
                    .readBy("bin/fazt-server"),
            Setting.of("FAZT_SERVER_JAR", SettingType.STRING, null, "the fazt-server jar to run")
                    .defaultText("`server/target/fazt-server/fazt-server.jar`")
                    .readBy("bin/fazt-server", "bench/run"),
            Setting.of(
                            "FAZT_HOME",
                            SettingType.STRING,
                            null,
                            "where `scripts/stack` keeps pids, logs, the master key and the admin token")
                    .defaultText("`./.fazt`")
                    .readBy("scripts/stack", "bin/fazt-server"),
            Setting.number(
                            "FAZT_RUNTIME_INSTANCES",
                            1L,
                            1,
                            16L,
                            "runtime-svc processes `scripts/stack up` starts: runtime, runtime-2, … (management ports 9107, "
                                    + "9108, … after the seven service ports)")
                    .unit("a number of runtime-svc processes")
                    .formerly("RUNTIME_INSTANCES")
                    .readBy("scripts/stack"),
            Setting.bool(
                            "FAZT_NATS_MANAGED",
                            false,
                            "`true` (or 1): `scripts/stack` runs the suite on a nats-server of its own with the "
                                    + "configuration provision writes, each service limited to its role (ADR 31)")
                    .parsedBy(v -> switch (v) {
                        case "1", "true" -> true;
                        case "0", "false" -> false;
                        default -> throw new IllegalArgumentException("expected 0 or 1, got \"" + v + "\"");
                    })
                    .readBy("scripts/stack"),
            Setting.number(
                            "FAZT_NATS_PORT",
                            4223L,
                            1,
                            65535L,
                            "loopback port of the nats-server `scripts/stack` manages (`FAZT_NATS_MANAGED`)")
                    .unit("a port number")
                    .readBy("scripts/stack"),
            Setting.of(
                            "FAZT_NATS_SERVER",
                            SettingType.STRING,
                            "/usr/sbin/nats-server",
                            "the nats-server binary `scripts/stack` runs when `FAZT_NATS_MANAGED` is set")
                    .readBy("scripts/stack"),
            Setting.number(
                            "FAZT_STACK_TIMEOUT",
                            90L,
                            1,
                            null,
                            "how long `scripts/stack up` waits for every service to be healthy")
                    .unit("seconds")
                    .readBy("scripts/stack"),
            Setting.number(
                            "FAZT_STOP_TIMEOUT",
                            20L,
                            1,
                            null,
                            "how long `scripts/stack down` waits for a service to stop before it kills it")
                    .unit("seconds")
                    .readBy("scripts/stack"),
            Setting.of(
                            "FAZT_RELEASE_KEY",
                            SettingType.STRING,
                            null,
                            "the minisign public key file an upgrade trusts, instead of the installed release's "
                                    + "`release.pub` (a stack built from source; docs/upgrade.md)")
                    .defaultText("`$FAZT_HOME/current/release.pub` (compose: `./release.pub`)")
                    .readBy("scripts/stack upgrade", "scripts/upgrade-compose"),
            Setting.of(
                            "FAZT_RELEASE_SOURCE",
                            SettingType.STRING,
                            null,
                            "the release directory or http(s) URL an upgrade takes when `--from` is not given")
                    .defaultText("none: `--from` is needed")
                    .readBy("scripts/stack upgrade", "scripts/upgrade-compose"),
            Setting.of(
                            "FAZT_BACKUP_PASSPHRASE",
                            SettingType.SECRET,
                            null,
                            "the passphrase that opens the master key of an archive made with `--include-key`"
                                    + " (docs/backups.md)")
                    .defaultText("asked on the terminal")
                    .readBy("fazt-server backup-key"));

    private ServerSettings() {}

    /** Every setting of this build, each once: the platform's, each service's, then the launcher's. */
    static SettingsCatalogue catalogue(Map<ServiceName, ServiceDefinition> definitions) {
        SettingsCatalogue catalogue =
                new SettingsCatalogue().add(PlatformSettings.BOOTSTRAP, null).add(PlatformSettings.PROCESS, null);
        definitions.values().forEach(d -> catalogue.add(d.settings(), d.name().id()));
        return catalogue.add(ALL, null);
    }

    private static String heap(String value) {
        if (!value.matches("[0-9]+[kKmMgG]?")) {
            throw new IllegalArgumentException("expected a JVM heap size such as 256m or 1g, got \"" + value + "\"");
        }
        return value;
    }
}
