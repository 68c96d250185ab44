package fazt.proto.deploy;

import fazt.proto.MessageType;
import java.time.Instant;

/**
 * A custom domain was mapped, verified, failed its checks or was removed (also when its app was deleted).
 * {@code domain} is the mapping as it stands after the change (for {@link Change#REMOVED}, as it stood before).
 * A consumer upserts {@code domain} on every change but {@link Change#REMOVED}, which drops it: the state inside is
 * authoritative. Renaming the app keeps its domains and publishes {@link Change#MAPPED} again for each, carrying the
 * new {@code appName}.
 */
@MessageType("deploy.domain_changed.v1")
public record DomainChanged(String eventId, Change change, MappedDomain domain, Instant at) {
    public enum Change {
        MAPPED("mapped"),
        VERIFIED("verified"),
        FAILED("failed"),
        REMOVED("removed");

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
