package fazt.auth;

import static fazt.platform.service.settings.Setting.AS_INT;

import fazt.auth.domain.AuthPolicy;
import fazt.platform.service.settings.Setting;
import fazt.platform.service.settings.SettingType;
import java.util.List;

/**
 * auth-svc's settings (ADR 23): the bootstrap admin token and account for unattended installs, and how many password
 * hashes run at once.
 */
final class AuthSettings {
    static final int MIN_TOKEN_LENGTH = 24;
    static final int MAX_HASH_CONCURRENCY = 256;

    /** Where the generated bootstrap token and the setup link are written for the operator (0600 files). */
    static final Setting SECRETS_DIR = Setting.of(
                    "FAZT_AUTH_SECRETS_DIR",
                    SettingType.STRING,
                    null,
                    "directory where auth-svc writes, readable only by its user, the generated bootstrap admin token "
                            + "(`admin-token`) and the first-admin setup link (`setup-link`); unset: stderr only")
            .defaultText("unset")
            .readBy("fazt-server rotate-admin-token", "fazt-server setup-link")
            .mapsTo("auth.secrets-dir");

    static final Setting ADMIN_TOKEN = Setting.of(
                    "FAZT_ADMIN_TOKEN",
                    SettingType.SECRET,
                    null,
                    "the bootstrap admin token (24+ characters); unset: auth-svc generates one on first start and "
                            + "prints it once to stderr (and `FAZT_AUTH_SECRETS_DIR`), never to the log; "
                            + "`scripts/stack` writes one to `$FAZT_HOME/admin-token`")
            .defaultText("generated")
            .parsedBy(AuthSettings::adminToken)
            .readBy("fazt-server rotate-admin-token")
            .mapsTo("auth.bootstrap-token");

    static final List<Setting> ALL = List.of(
            Setting.of(
                            "FAZT_ADMIN_USER",
                            SettingType.STRING,
                            null,
                            "with `FAZT_ADMIN_PASSWORD`, creates this admin account on start (unattended installs); unset: "
                                    + "a one-time setup link is printed to stderr while no admin exists")
                    .parsedBy(AuthSettings::adminUser)
                    .requires("FAZT_ADMIN_PASSWORD")
                    .mapsTo("auth.admin-user"),
            Setting.of("FAZT_ADMIN_PASSWORD", SettingType.SECRET, null, "the password of `FAZT_ADMIN_USER`")
                    .parsedBy(AuthSettings::adminPassword)
                    .requires("FAZT_ADMIN_USER")
                    .mapsTo("auth.admin-password"),
            ADMIN_TOKEN,
            SECRETS_DIR,
            Setting.of(
                            "FAZT_AUTH_OIDC_ALLOW_HOSTS",
                            SettingType.LIST,
                            null,
                            "hosts an app's login provider may be at even on loopback or private addresses (a provider on "
                                    + "your LAN, tests); any other is refused like `fetch` refuses it")
                    .defaultText("empty")
                    .mapsTo("auth.oidc-allowed-hosts"),
            Setting.number(
                            "FAZT_AUTH_HASH_CONCURRENCY",
                            null,
                            1,
                            (long) MAX_HASH_CONCURRENCY,
                            "password hashes (argon2, about 20 MiB of heap each) auth-svc runs at once; a login beyond them is "
                                    + "answered `429 auth/busy` with `Retry-After` (docs/auth.md)")
                    .defaultText("half the heap at 20 MiB a hash, at most one per core, at least 1 (1 with the "
                            + "default 64 MB heap)")
                    .mapsTo("auth.hash-concurrency", AS_INT));

    private AuthSettings() {}

    private static String adminUser(String value) {
        if (!value.matches("[A-Za-z0-9][A-Za-z0-9._-]{1,63}")) {
            throw new IllegalArgumentException(
                    "expected 2 to 64 letters, digits, dots, hyphens or underscores, got \"" + value + "\"");
        }
        return value;
    }

    /** Taken as given, spaces included; the password never appears in a message. */
    private static String adminPassword(String value) {
        if (value.length() < AuthPolicy.MIN_PASSWORD || value.length() > AuthPolicy.MAX_PASSWORD) {
            throw new IllegalArgumentException("expected " + AuthPolicy.MIN_PASSWORD + " to " + AuthPolicy.MAX_PASSWORD
                    + " characters, got " + value.length());
        }
        return value;
    }

    /** The token never appears in a message. */
    private static String adminToken(String value) {
        String token = value.trim();
        if (token.length() < MIN_TOKEN_LENGTH || !token.matches("[\\x21-\\x7e]+")) {
            throw new IllegalArgumentException("expected at least " + MIN_TOKEN_LENGTH
                    + " printable characters without spaces (e.g. openssl rand -hex 24)");
        }
        return token;
    }
}
