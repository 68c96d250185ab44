package fazt.proto.deploy;

import fazt.proto.MessageType;
import java.time.Instant;
import java.util.List;

/**
 * An app changed what it serves: it was deployed, rolled back, renamed or deleted, or its env vars changed. {@code names} lists every alias
 * the change affects (the old and the new one for a rename), so caches can drop exactly what went stale.
 */
@MessageType("deploy.app_changed.v1")
public record AppChanged(String eventId, Change change, String appId, List<String> names, int version, Instant at) {
    public enum Change {
        DEPLOYED("deployed"),
        ROLLED_BACK("rolled_back"),
        RENAMED("renamed"),
        DELETED("deleted"),
        ENV_CHANGED("env_changed");

        private final String token;

        Change(String token) {
            this.token = token;
        }

        /** The last token of the event subject. */
        public String token() {
            return token;
        }
    }
}
