package fazt.platform.service.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.encoder.EncoderBase;
import fazt.platform.service.BootstrapSettings;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

/**
 * Writes each log event as one JSON line: {@code ts}, {@code level}, {@code service}, {@code instance},
 * {@code traceId}, {@code logger}, {@code msg}, the other MDC keys, and {@code error} with the stack trace.
 * {@code service} comes from the MDC, else from the logger's package ({@code fazt.deploy.…} → {@code deploy}), else
 * from the process's targets; {@code FAZT_LOG_FORMAT=text} switches to plain lines for a developer's terminal.
 */
public final class JsonLineEncoder extends EncoderBase<ILoggingEvent> {
    private static final boolean TEXT = "text".equalsIgnoreCase(System.getenv("FAZT_LOG_FORMAT"));
    private static final String PROCESS_SERVICE = processService();
    private static final String INSTANCE = instance();

    @Override
    public byte[] headerBytes() {
        return null;
    }

    @Override
    public byte[] footerBytes() {
        return null;
    }

    @Override
    public byte[] encode(ILoggingEvent event) {
        Map<String, String> mdc = event.getMDCPropertyMap();
        String service = mdc.getOrDefault("service", serviceOf(event.getLoggerName()));
        if (TEXT) {
            StringBuilder line = new StringBuilder(160)
                    .append(Instant.ofEpochMilli(event.getTimeStamp()))
                    .append(' ')
                    .append(event.getLevel())
                    .append(' ')
                    .append(service)
                    .append(' ')
                    .append(event.getFormattedMessage());
            appendThrowable(line.append(' '), event.getThrowableProxy(), false);
            return line.append('\n').toString().getBytes(StandardCharsets.UTF_8);
        }
        StringBuilder json = new StringBuilder(256).append('{');
        field(json, "ts", Instant.ofEpochMilli(event.getTimeStamp()).toString());
        field(json, "level", event.getLevel().toString());
        field(json, "service", service);
        field(json, "instance", INSTANCE);
        if (mdc.containsKey("traceId")) {
            field(json, "traceId", mdc.get("traceId"));
        }
        field(json, "logger", event.getLoggerName());
        field(json, "thread", event.getThreadName());
        field(json, "msg", event.getFormattedMessage());
        for (Map.Entry<String, String> e : mdc.entrySet()) {
            if (!e.getKey().equals("traceId") && !e.getKey().equals("service")) {
                field(json, e.getKey(), e.getValue());
            }
        }
        if (event.getThrowableProxy() != null) {
            StringBuilder error = new StringBuilder();
            appendThrowable(error, event.getThrowableProxy(), true);
            field(json, "error", error.toString());
        }
        json.setLength(json.length() - 1);
        return json.append("}\n").toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void appendThrowable(StringBuilder out, IThrowableProxy proxy, boolean full) {
        if (proxy != null) {
            out.append(full ? ThrowableProxyUtil.asString(proxy) : proxy.getClassName() + ": " + proxy.getMessage());
        }
    }

    static String serviceOf(String logger) {
        if (logger != null && logger.startsWith("fazt.") && !logger.startsWith("fazt.platform.")) {
            int end = logger.indexOf('.', 5);
            return end < 0 ? logger.substring(5) : logger.substring(5, end);
        }
        return PROCESS_SERVICE;
    }

    private static String instance() {
        String configured = System.getenv("FAZT_INSTANCE");
        return configured == null || configured.isBlank() ? BootstrapSettings.defaultInstance() : configured.trim();
    }

    private static String processService() {
        String targets = System.getenv("FAZT_TARGETS");
        return targets == null || targets.isBlank() ? "fazt" : targets.trim();
    }

    private static void field(StringBuilder json, String name, String value) {
        json.append('"').append(name).append("\":");
        if (value == null) {
            json.append("null");
        } else {
            json.append('"');
            escape(json, value);
            json.append('"');
        }
        json.append(',');
    }

    static void escape(StringBuilder out, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
    }
}
