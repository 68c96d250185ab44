package fazt.proto.backup;

import fazt.proto.MessageType;

/** Asks for the master key sealed with {@code passphrase} (at least 12 characters); never logged. */
@MessageType("backup.master_key_request.v1")
public record MasterKeyRequest(String passphrase) {
    @Override
    public String toString() {
        return "MasterKeyRequest[passphrase=********]";
    }
}
