package fazt.auth;

import fazt.platform.service.BootstrapSettings;
import fazt.platform.service.ServiceDefinition;
import fazt.platform.service.SettingsException;
import fazt.proto.ServiceName;
import java.util.Map;

/**
 * Registers the auth service with the fazt launcher. Reads {@code FAZT_ADMIN_TOKEN}: when set (at least
 * {@value #MIN_TOKEN_LENGTH} characters) it is the bootstrap admin token; when unset, one is generated on first start.
 */
public final class AuthService implements ServiceDefinition {
    static final String ADMIN_TOKEN = "FAZT_ADMIN_TOKEN";
    static final int MIN_TOKEN_LENGTH = 24;

    @Override
    public ServiceName name() {
        return ServiceName.AUTH;
    }

    @Override
    public Map<String, Object> properties(BootstrapSettings settings, Map<String, String> env) {
        String token = env.get(ADMIN_TOKEN);
        if (token == null || token.isBlank()) {
            return Map.of();
        }
        token = token.trim();
        if (token.length() < MIN_TOKEN_LENGTH || !token.matches("[\\x21-\\x7e]+")) {
            throw new SettingsException(ADMIN_TOKEN, "expected at least " + MIN_TOKEN_LENGTH
                    + " printable characters without spaces (e.g. openssl rand -hex 24)");
        }
        return Map.of("auth.bootstrap-token", token);
    }
}
