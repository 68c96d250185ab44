package fazt.auth;

import fazt.auth.domain.AuthPolicy;
import fazt.platform.service.BootstrapSettings;
import fazt.platform.service.ServiceDefinition;
import fazt.platform.service.SettingsException;
import fazt.proto.ServiceName;
import java.util.HashMap;
import java.util.Map;

/**
 * Registers the auth service with the fazt launcher. Reads {@code FAZT_ADMIN_TOKEN}: when set (at least
 * {@value #MIN_TOKEN_LENGTH} characters) it is the bootstrap admin token; when unset, one is generated on first start.
 * {@code FAZT_ADMIN_USER} with {@code FAZT_ADMIN_PASSWORD} creates the first admin account unattended; without them,
 * a one-time setup link is logged while no admin exists. {@code FAZT_AUTH_HASH_CONCURRENCY} caps how many password
 * hashes run at once (default: what half the heap holds, at most one per core).
 */
public final class AuthService implements ServiceDefinition {
    static final String ADMIN_TOKEN = "FAZT_ADMIN_TOKEN";
    static final String ADMIN_USER = "FAZT_ADMIN_USER";
    static final String ADMIN_PASSWORD = "FAZT_ADMIN_PASSWORD";
    static final String HASH_CONCURRENCY = "FAZT_AUTH_HASH_CONCURRENCY";
    static final int MIN_TOKEN_LENGTH = 24;
    static final int MAX_HASH_CONCURRENCY = 256;

    @Override
    public ServiceName name() {
        return ServiceName.AUTH;
    }

    @Override
    public Map<String, Object> properties(BootstrapSettings settings, Map<String, String> env) {
        Map<String, Object> properties = new HashMap<>();
        String token = env.get(ADMIN_TOKEN);
        if (token != null && !token.isBlank()) {
            token = token.trim();
            if (token.length() < MIN_TOKEN_LENGTH || !token.matches("[\\x21-\\x7e]+")) {
                throw new SettingsException(ADMIN_TOKEN, "expected at least " + MIN_TOKEN_LENGTH
                        + " printable characters without spaces (e.g. openssl rand -hex 24)");
            }
            properties.put("auth.bootstrap-token", token);
        }
        String user = env.get(ADMIN_USER);
        String password = env.get(ADMIN_PASSWORD);
        if (user != null && !user.isBlank()) {
            if (!user.strip().matches("[A-Za-z0-9][A-Za-z0-9._-]{1,63}")) {
                throw new SettingsException(ADMIN_USER, "expected 2 to 64 letters, digits, dots, hyphens or underscores");
            }
            if (password == null || password.length() < AuthPolicy.MIN_PASSWORD || password.length() > AuthPolicy.MAX_PASSWORD) {
                throw new SettingsException(ADMIN_PASSWORD, "set it with " + ADMIN_USER + ": " + AuthPolicy.MIN_PASSWORD
                        + " to " + AuthPolicy.MAX_PASSWORD + " characters");
            }
            properties.put("auth.admin-user", user.strip());
            properties.put("auth.admin-password", password);
        } else if (password != null && !password.isBlank()) {
            throw new SettingsException(ADMIN_USER, "FAZT_ADMIN_PASSWORD is set but FAZT_ADMIN_USER is not");
        }
        String concurrency = env.get(HASH_CONCURRENCY);
        if (concurrency != null && !concurrency.isBlank()) {
            int value;
            try {
                value = Integer.parseInt(concurrency.strip());
            } catch (NumberFormatException e) {
                value = 0;
            }
            if (value < 1 || value > MAX_HASH_CONCURRENCY) {
                throw new SettingsException(HASH_CONCURRENCY, "expected a whole number from 1 to " + MAX_HASH_CONCURRENCY
                        + " (password hashes at once, about 20 MiB of heap each)");
            }
            properties.put("auth.hash-concurrency", value);
        }
        return properties;
    }
}
