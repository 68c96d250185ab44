package fazt.proto.auth;

import fazt.proto.MessageType;
import java.util.List;

/**
 * What the gateway answers a login path with: {@code status}, a redirect {@code location} (for 302, else null), the
 * {@code Set-Cookie} header values to send (complete, including {@code Secure} under HTTPS), and for
 * {@code /_fazt/auth/me} the logged-in {@code user}. Failures come as a problem instead of a reply.
 */
@MessageType("auth.app_login_reply.v1")
public record AppLoginReply(int status, String location, List<String> setCookies, AppUser user) {}
