package fazt.proto.deploy;

import fazt.proto.MessageType;

/**
 * What happens to the apps {@code owner} (an account's subject id) owns, asked by auth-svc before it deletes the account:
 * {@code LIST} only names them, {@code TRANSFER} hands them to {@code toOwner} (subject id) / {@code toName}
 * (username), {@code DELETE} deletes them like {@code DELETE /api/apps/<name>} would.
 */
@MessageType("deploy.app_ownership_request.v1")
public record AppOwnershipRequest(String owner, Action action, String toOwner, String toName) {
    public enum Action {
        LIST,
        TRANSFER,
        DELETE
    }

    public static AppOwnershipRequest list(String owner) {
        return new AppOwnershipRequest(owner, Action.LIST, null, null);
    }
}
