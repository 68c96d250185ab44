package fazt.proto.backup;

import fazt.proto.MessageType;
import java.util.Arrays;

/** The master key sealed with the asked passphrase: the bytes of {@code master-key.enc} (ADR 39). */
@MessageType("backup.master_key_reply.v1")
public record MasterKeyReply(byte[] envelope) {
    @Override
    public boolean equals(Object o) {
        return o instanceof MasterKeyReply r && Arrays.equals(envelope, r.envelope);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(envelope);
    }

    @Override
    public String toString() {
        return "MasterKeyReply[envelope=" + (envelope == null ? null : envelope.length + " bytes") + "]";
    }
}
