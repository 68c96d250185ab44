package fazt.scheduler.domain;

import fazt.platform.service.crypto.MasterKeyCipher;
import java.nio.charset.StandardCharsets;

/** Seals and opens hook secrets under the master key, bound to the hook and its app. */
public final class HookSecrets {
    public static final String INFO = "fazt/scheduler/hook/v1";
    private final MasterKeyCipher cipher;

    public HookSecrets(String masterKey) {
        this.cipher = new MasterKeyCipher(masterKey, INFO);
    }

    public MasterKeyCipher.Sealed seal(String hookId, String appId, String secret) {
        return cipher.seal(aad(hookId, appId), secret.getBytes(StandardCharsets.UTF_8));
    }

    public byte[] open(Hook hook) {
        return cipher.open(aad(hook.hookId(), hook.appId()), hook.secret());
    }

    private static byte[] aad(String hookId, String appId) {
        return (hookId + "\0" + appId).getBytes(StandardCharsets.UTF_8);
    }
}
