package fazt.platform.nats;

import fazt.proto.NatsRoles;
import fazt.proto.ServiceName;
import fazt.proto.SubjectRoot;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The nats-server configuration of one installation (ADR 31): JetStream on, and one account named after the subject
 * root, with JetStream, holding one nkey user per service whose permissions are its {@link NatsRoles role}. Another
 * installation on the same server or cluster gets an account of its own, so neither sees the other's subjects or
 * streams. Listen address, cluster and store directory come from the server's command line ({@code -p}, {@code -sd}).
 */
public final class NatsServerConfig {
    private NatsServerConfig() {}

    /** The configuration text for {@code root}, with each service's public user nkey ({@code U…}). */
    public static String render(SubjectRoot root, Map<ServiceName, String> publicKeys) {
        StringBuilder out = new StringBuilder();
        out.append("# nats-server configuration of the fazt installation with subject root \"")
                .append(root.value())
                .append("\".\n# Written by fazt-server provision from the role table (NatsRoles, ADR 31); ")
                .append("rewritten on every run, do not edit.\n");
        out.append("jetstream: enabled\n\n");
        out.append("accounts {\n").append(account(root, publicKeys)).append("}\n");
        return out.toString();
    }

    /**
     * The installation's entry of the {@code accounts} block alone; a server several installations share lists the
     * entry of each (their subject roots differ, and so their account names).
     */
    public static String account(SubjectRoot root, Map<ServiceName, String> publicKeys) {
        StringBuilder out = new StringBuilder();
        out.append("  ").append(quote(accountName(root))).append(": {\n");
        out.append("    jetstream: enabled\n    users: [\n");
        for (NatsRoles.Role role : NatsRoles.all()) {
            String key = publicKeys.get(role.service());
            if (key == null) {
                throw new IllegalArgumentException("no NATS key for " + role.service());
            }
            if (!key.matches("U[A-Z2-7]{55}")) {
                throw new IllegalArgumentException("not a public user nkey for " + role.service());
            }
            out.append("      # ").append(role.service().id()).append('\n');
            out.append("      { nkey: ").append(quote(key)).append(",\n");
            out.append("        permissions: {\n");
            out.append("          publish: { allow: ")
                    .append(list(role.publish(root)))
                    .append(" }\n");
            out.append("          subscribe: { allow: ")
                    .append(list(role.subscribe(root)))
                    .append(" }\n");
            out.append("          allow_responses: true\n");
            out.append("        } }\n");
        }
        out.append("    ]\n  }\n");
        return out.toString();
    }

    /** The account of an installation: its subject root. */
    public static String accountName(SubjectRoot root) {
        return root.value();
    }

    private static String list(List<String> subjects) {
        return subjects.stream().map(NatsServerConfig::quote).collect(Collectors.joining(", ", "[", "]"));
    }

    private static String quote(String text) {
        if (!text.matches("[A-Za-z0-9_.$>*-]+")) {
            throw new IllegalArgumentException("cannot be written into the NATS configuration: " + text);
        }
        return '"' + text + '"';
    }
}
