package fazt.gateway.doctor;

import fazt.proto.ServiceName;
import fazt.proto.SubjectGrammar;
import fazt.proto.SubjectRoot;
import fazt.proto.gateway.DoctorCheck;
import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamOptions;
import io.nats.client.Message;
import io.nats.client.Subscription;
import io.nats.client.api.AccountLimits;
import io.nats.client.api.AccountStatistics;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * NATS as the gateway sees it: connected, JetStream answering with room left under the account's limits, and the
 * gateway's own rights enforced (ADR 31): a request to a subject outside its role (another service's inbox) must be
 * refused by the server, not delivered.
 */
final class NatsChecks {
    static final Duration TIMEOUT = Duration.ofSeconds(2);
    /** Share of a JetStream account limit in use beyond which the check warns, and fails. */
    static final int WARN_PERCENT = 80;

    static final int FAIL_PERCENT = 95;

    private final Connection nats;
    private final SubjectRoot root;

    NatsChecks(Connection nats, SubjectRoot root) {
        this.nats = nats;
        this.root = root;
    }

    List<DoctorCheck> run() {
        List<DoctorCheck> checks = new ArrayList<>();
        checks.add(connection());
        if (nats.getStatus() != Connection.Status.CONNECTED) {
            return checks;
        }
        checks.add(jetStream());
        checks.add(permissions());
        return checks;
    }

    private DoctorCheck connection() {
        if (nats.getStatus() != Connection.Status.CONNECTED) {
            return DoctorCheck.fail(
                    "nats",
                    "connection",
                    "the gateway's connection is " + nats.getStatus(),
                    "check that nats-server runs and NATS_URL points at it");
        }
        var info = nats.getServerInfo();
        return DoctorCheck.ok(
                "nats",
                "connection",
                "connected to " + nats.getConnectedUrl() + " (nats-server " + info.getVersion() + ")");
    }

    private DoctorCheck jetStream() {
        AccountStatistics stats;
        try {
            stats = nats.jetStreamManagement(
                            JetStreamOptions.builder().requestTimeout(TIMEOUT).build())
                    .getAccountStatistics();
        } catch (IOException | JetStreamApiException e) {
            return DoctorCheck.fail(
                    "nats",
                    "jetstream",
                    "JetStream did not answer: " + e.getMessage(),
                    "start nats-server with JetStream (-js) and give it disk space");
        }
        AccountLimits limits = stats.getLimits();
        String measured = "memory " + DiskSpace.bytes(stats.getMemory()) + of(limits.getMaxMemory()) + ", storage "
                + DiskSpace.bytes(stats.getStorage()) + of(limits.getMaxStorage()) + ", " + stats.getStreams()
                + " streams" + (limits.getMaxStreams() > 0 ? " of " + limits.getMaxStreams() : "");
        int used = Math.max(
                Math.max(
                        percent(stats.getMemory(), limits.getMaxMemory()),
                        percent(stats.getStorage(), limits.getMaxStorage())),
                percent(stats.getStreams(), limits.getMaxStreams()));
        if (used >= FAIL_PERCENT) {
            return DoctorCheck.fail(
                    "nats", "jetstream", measured, "raise the account's JetStream limits or free space in its streams");
        }
        if (used >= WARN_PERCENT) {
            return DoctorCheck.warn(
                    "nats", "jetstream", measured, "raise the account's JetStream limits before they are reached");
        }
        return DoctorCheck.ok("nats", "jetstream", measured);
    }

    /**
     * Asks on {@code inbox.auth.doctor}, which the gateway may not publish to and nobody listens on: with rights
     * enforced the server refuses it (a permissions violation on the connection, no answer); without, the server
     * answers at once that nobody listens (a 503 status).
     */
    private DoctorCheck permissions() {
        String forbidden = root.qualify(SubjectGrammar.inbox(ServiceName.AUTH) + ".doctor");
        nats.clearLastError();
        String inbox = nats.createInbox();
        Subscription replies = nats.subscribe(inbox);
        try {
            nats.publish(forbidden, inbox, new byte[0]);
            Message reply = replies.nextMessage(TIMEOUT);
            if (reply != null) {
                return notEnforced(forbidden); // "no responders" (503) or an answer: the publish went through
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return DoctorCheck.warn("nats", "permissions", "interrupted", "run fazt doctor again");
        } finally {
            replies.unsubscribe();
        }
        String error = nats.getLastError();
        if (error != null && error.toLowerCase(Locale.ROOT).contains("permissions violation")) {
            return DoctorCheck.ok(
                    "nats", "permissions", "a publish outside the gateway's role was refused by the server");
        }
        return DoctorCheck.warn(
                "nats",
                "permissions",
                "a publish outside the gateway's role got neither an answer nor a refusal within " + TIMEOUT.toSeconds()
                        + " s",
                "check nats-server's log; with per-service identities it logs the refusal");
    }

    private static DoctorCheck notEnforced(String subject) {
        return DoctorCheck.warn(
                "nats",
                "permissions",
                "not enforced: the gateway could publish to " + subject,
                "give each service its own NATS identity (fazt-server provision, FAZT_NATS_MANAGED=1;"
                        + " docs/nats-security.md)");
    }

    private static String of(long limit) {
        return limit > 0 ? " of " + DiskSpace.bytes(limit) : "";
    }

    private static int percent(long used, long limit) {
        return limit > 0 ? (int) Math.min(100, used * 100 / limit) : 0;
    }
}
