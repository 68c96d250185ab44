package fazt.proto.scheduler;

import java.time.Instant;

/**
 * A webhook of an app: {@code path} is where senders post on the app's host, {@code appPath} where the app's code
 * receives it, {@code signature} how deliveries are checked.
 */
public record HookView(
        String id, String name, String signature, String host, String path, String appPath, Instant createdAt) {}
