package fazt.proto.auth;

import java.util.List;

/** {@code GET /api/tokens}: the caller's tokens, or everyone's. */
public record TokenList(List<TokenView> tokens) {}
