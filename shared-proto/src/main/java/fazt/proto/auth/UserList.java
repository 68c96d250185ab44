package fazt.proto.auth;

import java.util.List;

/** {@code GET /api/users}: every account. */
public record UserList(List<UserView> users) {}
