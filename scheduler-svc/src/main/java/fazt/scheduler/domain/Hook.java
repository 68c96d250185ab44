package fazt.scheduler.domain;

import fazt.platform.service.crypto.MasterKeyCipher;
import java.time.Instant;

/**
 * A webhook endpoint: its unguessable {@code hookId} (the URL), the app and {@code name} (the app sees deliveries at
 * {@code /api/hooks/<name>}), the {@code signature} scheme ({@code none}, {@code github}, {@code stripe}) and the HMAC
 * secret sealed with the master key (null for {@code none}).
 */
public record Hook(
        String hookId, String appId, String name, String signature, MasterKeyCipher.Sealed secret, Instant createdAt) {}
