package fazt.scheduler.domain;

import java.time.Clock;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Creates, lists and deletes an app's webhook endpoints. A hook's name becomes the path the app sees
 * ({@code /api/hooks/<name>}); its id, random and unguessable, is the public URL. A secret turns on signature checks
 * ({@code github} by default, or {@code stripe}); it is sealed at rest and never shown again.
 */
public final class ManageHooks {
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,62}");
    static final int MAX_HOOKS = 50;
    static final int MAX_SECRET = 512;

    private final Hooks hooks;
    private final HookSecrets secrets;
    private final Clock clock;

    public ManageHooks(Hooks hooks, HookSecrets secrets, Clock clock) {
        this.hooks = hooks;
        this.secrets = secrets;
        this.clock = clock;
    }

    public Hook create(String appId, String name, String signature, String secret) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new SchedulerException.InvalidRequest(
                    "name",
                    "A hook name is 1 to 63 lower-case letters, digits, - or _, starting with a letter or digit.");
        }
        String scheme =
                signature != null ? signature : secret != null ? WebhookSignature.GITHUB : WebhookSignature.NONE;
        if (!WebhookSignature.SCHEMES.contains(scheme)) {
            throw new SchedulerException.InvalidRequest("signature", "signature is one of none, github, stripe.");
        }
        if (scheme.equals(WebhookSignature.NONE) != (secret == null)) {
            throw new SchedulerException.InvalidRequest(
                    "secret",
                    scheme.equals(WebhookSignature.NONE)
                            ? "A secret needs a signature scheme (github or stripe)."
                            : "Signature " + scheme + " needs a secret.");
        }
        if (secret != null && (secret.isEmpty() || secret.length() > MAX_SECRET)) {
            throw new SchedulerException.InvalidRequest("secret", "A secret is 1 to " + MAX_SECRET + " characters.");
        }
        if (hooks.of(appId).size() >= MAX_HOOKS) {
            throw new SchedulerException.InvalidRequest("name", "An app has at most " + MAX_HOOKS + " webhooks.");
        }
        String id = Ids.hook();
        Hook hook = new Hook(
                id, appId, name, scheme, secret == null ? null : secrets.seal(id, appId, secret), clock.instant());
        if (!hooks.create(hook)) {
            throw new SchedulerException.HookNameTaken(name);
        }
        return hook;
    }

    public List<Hook> list(String appId) {
        return hooks.of(appId);
    }

    public void delete(String appId, String nameOrId) {
        if (!hooks.delete(appId, nameOrId)) {
            throw new SchedulerException.HookNotFound();
        }
    }
}
