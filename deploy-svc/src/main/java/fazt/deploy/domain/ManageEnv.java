package fazt.deploy.domain;

import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An app's env vars and secrets: list (secret values masked), set, unset, and the decrypted map runtime-svc puts in
 * the handler's {@code env}. Every value is encrypted at rest ({@link EnvCipher}); every change is announced with
 * {@link AppEvents.Change#ENV_CHANGED} so runtimes drop their cached env and the next request sees it, without a
 * redeploy. Values never reach a log or a problem detail.
 */
public final class ManageEnv {
    /** What a listing shows instead of a secret's value. */
    public static final String MASK = "••••••";
    /** Vars per app. */
    public static final int MAX_VARS = 100;
    /** Largest value, in UTF-8 bytes. */
    public static final int MAX_VALUE_BYTES = 32 * 1024;

    private static final Logger log = LoggerFactory.getLogger(ManageEnv.class);

    private final Apps apps;
    private final EnvVars vars;
    private final EnvCipher cipher;
    private final AppEvents events;

    public ManageEnv(Apps apps, EnvVars vars, EnvCipher cipher, AppEvents events) {
        this.apps = apps;
        this.vars = vars;
        this.cipher = cipher;
        this.events = events;
    }

    /** A var as people see it: {@code value} is {@link #MASK} for a secret. */
    public record Listed(String key, String value, boolean secret, Instant updatedAt) {}

    public List<Listed> list(String appName) {
        App app = app(appName);
        return vars.list(app.id()).stream()
                .map(v -> new Listed(
                        v.name(),
                        v.secret() ? MASK : cipher.open(app.id(), v.name(), v.value()),
                        v.secret(),
                        v.updatedAt()))
                .toList();
    }

    /** Sets {@code key}; returns true when it is new. */
    public boolean set(String appName, String key, String value, boolean secret) {
        EnvName name = new EnvName(key);
        checkValue(value);
        App app = app(appName);
        boolean created = vars.put(app.id(), name, cipher.seal(app.id(), name, value), secret, MAX_VARS);
        apps.record(app.id(), "env_set", null, name.value() + (secret ? " (secret)" : ""));
        announce(app);
        log.info("app env set appId={} key={} secret={} created={}", app.id(), name, secret, created);
        return created;
    }

    public void unset(String appName, String key) {
        EnvName name = new EnvName(key);
        App app = app(appName);
        if (!vars.delete(app.id(), name)) {
            throw new DeployException.EnvVarNotFound(appName, name.value());
        }
        apps.record(app.id(), "env_unset", null, name.value());
        announce(app);
        log.info("app env unset appId={} key={}", app.id(), name);
    }

    /** The decrypted vars of app {@code id} for runtime-svc, or null when there is no such app. */
    public Map<String, String> values(AppId id) {
        if (!vars.appExists(id)) {
            return null;
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (EnvVars.Stored v : vars.list(id)) {
            values.put(v.name(), cipher.open(id, v.name(), v.value()));
        }
        return values;
    }

    /** The names {@code version}'s manifest declares ({@code "env"}) that the app has not set, in manifest order. */
    public List<String> missing(App app, AppVersion version) {
        if (version == null || version.manifest().env().isEmpty()) {
            return List.of();
        }
        Set<String> set = vars.list(app.id()).stream().map(EnvVars.Stored::name).collect(Collectors.toSet());
        return version.manifest().env().stream().filter(n -> !set.contains(n)).toList();
    }

    /** {@link #missing(App, AppVersion)} of the app's live version. */
    public List<String> missing(App app) {
        if (app.liveVersion() == null) {
            return List.of();
        }
        return missing(app, apps.version(app.id(), app.liveVersion()).orElse(null));
    }

    private App app(String name) {
        return apps.find(name).orElseThrow(() -> new DeployException.AppNotFound(name));
    }

    private void announce(App app) {
        events.publish(
                AppEvents.Change.ENV_CHANGED,
                app.id(),
                List.of(app.name()),
                app.liveVersion() == null ? 0 : app.liveVersion());
    }

    static void checkValue(String value) {
        if (value == null) {
            throw new DeployException.EnvRejected("value", "The body needs \"value\" (a string).");
        }
        // Lone surrogates (from \\ud800 escapes) have no UTF-8 form: refuse them rather than store a replacement.
        int bytes;
        try {
            bytes = StandardCharsets.UTF_8
                    .newEncoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .encode(CharBuffer.wrap(value))
                    .remaining();
        } catch (CharacterCodingException e) {
            throw new DeployException.EnvRejected("value", "The value is not valid Unicode text (a lone surrogate).");
        }
        if (bytes > MAX_VALUE_BYTES) {
            throw new DeployException.EnvRejected(
                    "value",
                    "The value is " + bytes + " bytes of UTF-8; at most " + MAX_VALUE_BYTES + " (32 KiB) are allowed.");
        }
    }
}
