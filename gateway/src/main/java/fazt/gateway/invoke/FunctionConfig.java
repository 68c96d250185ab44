package fazt.gateway.invoke;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

/**
 * How the gateway invokes app functions. {@code timeoutMillis}: the wall time a function gets
 * ({@code FAZT_FUNCTION_TIMEOUT_MS}, default 30 000, the same setting that bounds the runtime's wall time); the gateway
 * waits that plus a fixed margin, after which the client gets a 504; {@code maxBodyBytes}: the
 * largest request body passed to a function ({@code FAZT_FUNCTION_MAX_BODY_MB}, default 100 MB), beyond which the
 * client gets a 413.
 */
@ConfigurationProperties("gateway.functions")
public record FunctionConfig(
        @Nullable Integer timeoutMillis, @Nullable Long maxBodyBytes) {
    public static final int DEFAULT_TIMEOUT_MILLIS = 30_000;
    public static final long DEFAULT_MAX_BODY_BYTES = 100L * 1024 * 1024;

    public FunctionConfig {
        timeoutMillis = timeoutMillis != null ? timeoutMillis : DEFAULT_TIMEOUT_MILLIS;
        maxBodyBytes = maxBodyBytes != null ? maxBodyBytes : DEFAULT_MAX_BODY_BYTES;
    }
}
