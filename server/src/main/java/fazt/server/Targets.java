package fazt.server;

import fazt.proto.ServiceName;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which services a process runs, from {@code FAZT_TARGETS} ({@link ServerSettings#TARGETS}): {@code all} (the
 * default), or a comma-separated list such as {@code gateway,deploy,storage}; {@code deploy-svc} is accepted for
 * {@code deploy}. A wrong value throws {@link IllegalArgumentException} with the reason.
 */
final class Targets {
    static final String VARIABLE = "FAZT_TARGETS";

    private Targets() {}

    static List<ServiceName> parse(String value) {
        if (value == null || value.isBlank() || value.trim().equalsIgnoreCase("all")) {
            return List.of(ServiceName.values());
        }
        Set<ServiceName> chosen = new LinkedHashSet<>();
        for (String raw : value.split(",")) {
            String id = raw.trim().toLowerCase(Locale.ROOT);
            if (id.endsWith("-svc")) {
                id = id.substring(0, id.length() - 4);
            }
            if (id.isEmpty()) {
                continue;
            }
            String wanted = id;
            chosen.add(ServiceName.fromId(id)
                    .orElseThrow(() -> new IllegalArgumentException("unknown service \"" + wanted
                            + "\"; expected all, or a comma-separated list of " + known())));
        }
        if (chosen.isEmpty()) {
            throw new IllegalArgumentException("names no service; expected all, or a list of " + known());
        }
        // Start in the suite's order whatever order was written, so logs read the same in every mode.
        return EnumSet.copyOf(chosen).stream().toList();
    }

    private static String known() {
        return EnumSet.allOf(ServiceName.class).stream().map(ServiceName::id).collect(Collectors.joining(", "));
    }
}
