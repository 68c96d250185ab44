package fazt.mail.api;

import fazt.mail.outbound.AppDirectory;
import fazt.mail.outbound.MailDns;
import fazt.mail.outbound.Outbound;
import fazt.mail.outbound.OutboundException;
import fazt.mail.outbound.OutboundStore;
import fazt.mail.outbound.Outbox;
import fazt.mail.outbound.Relays;
import fazt.platform.service.admin.AdminCall;
import fazt.proto.MessageCodec;
import fazt.proto.admin.AdminResponse;
import fazt.proto.auth.Principal;
import fazt.proto.mail.OutboundList;
import fazt.proto.mail.RelayBody;
import fazt.proto.mail.SendBody;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * The outbound routes of mail-svc's admin API ({@code MailAdminApi}): one handler per route, bound by the mail admin
 * endpoint with {@code .on("POST /mail/send", outbound::send)} and so on. The router checked the declared scopes;
 * {@code GET /mail/outbound/{id}} checks the scope of the message's app once found ({@code read} or
 * {@code deploy:<app>}; a message an admin sent needs {@code read}) and answers 404 otherwise, as for an unknown id.
 */
@Singleton
public final class OutboundRoutes {
    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 200;

    private final Outbox outbox;
    private final OutboundStore store;
    private final Relays relays;
    private final MailDns dns;
    private final AppDirectory apps;

    public OutboundRoutes(Outbox outbox, OutboundStore store, Relays relays, MailDns dns, AppDirectory apps) {
        this.outbox = outbox;
        this.store = store;
        this.relays = relays;
        this.dns = dns;
        this.apps = apps;
    }

    /** {@code POST /mail/send} (admin): 202 SendAnswer once stored and queued. */
    public AdminResponse send(AdminCall call) {
        return guarded(() -> {
            SendBody body = body(call, SendBody.class);
            return AdminResponse.json(202, OutboundViews.json(outbox.sendForAdmin(call.principal(), body)));
        });
    }

    /** {@code GET /mail/outbound} (read): every app's and admin's outbound mail; {@code app} filters by app name. */
    public AdminResponse list(AdminCall call) {
        return guarded(() -> {
            String app = call.query("app");
            String appId = app == null ? null : appId(app);
            return page(call, appId);
        });
    }

    /** {@code GET /apps/{name}/mail/outbound} (read|deploy:name). */
    public AdminResponse appList(AdminCall call) {
        return guarded(() -> page(call, appId(call.param("name"))));
    }

    /** {@code GET /mail/outbound/{id}} (caller; checked against the message's app). */
    public AdminResponse show(AdminCall call) {
        return guarded(() -> {
            String id = call.param("id");
            Outbound o = store.find(id).orElseThrow(() -> new OutboundException.NoOutbound(id));
            if (!maySee(call.principal(), o)) {
                throw new OutboundException.NoOutbound(id);
            }
            return AdminResponse.json(200, OutboundViews.json(OutboundViews.view(o)));
        });
    }

    /** {@code GET /mail/relay} (admin): never the password. */
    public AdminResponse relay(AdminCall call) {
        return guarded(() -> AdminResponse.json(200, OutboundViews.json(relays.view())));
    }

    /** {@code PUT /mail/relay} (admin). */
    public AdminResponse setRelay(AdminCall call) {
        return guarded(() -> AdminResponse.json(200, OutboundViews.json(relays.set(body(call, RelayBody.class)))));
    }

    /** {@code GET /mail/domains/{domain}/dns} (admin): generates the DKIM key on first use. */
    public AdminResponse dns(AdminCall call) {
        return guarded(() -> AdminResponse.json(200, OutboundViews.json(dns.records(call.param("domain")))));
    }

    private AdminResponse page(AdminCall call, String appId) {
        String status = call.query("status");
        if (status != null && !Outbound.STATUSES.contains(status)) {
            throw new OutboundException.InvalidRequest(
                    "status", "status is one of " + String.join(", ", Outbound.STATUSES) + ".");
        }
        int limit = DEFAULT_LIMIT;
        if (call.query("limit") != null) {
            try {
                limit = Integer.parseInt(call.query("limit"));
            } catch (NumberFormatException e) {
                limit = -1;
            }
            if (limit < 1 || limit > MAX_LIMIT) {
                throw new OutboundException.InvalidRequest(
                        "limit", "limit is a whole number from 1 to " + MAX_LIMIT + ".");
            }
        }
        String cursor = call.query("cursor");
        if (cursor != null && cursor.length() > 64) {
            throw new OutboundException.InvalidRequest("cursor", "Not a cursor of this list.");
        }
        List<Outbound> rows = store.list(appId, status, limit + 1, cursor);
        String next = rows.size() > limit ? rows.get(limit - 1).id() : null;
        List<Outbound> shown = rows.subList(0, Math.min(limit, rows.size()));
        return AdminResponse.json(
                200,
                OutboundViews.json(
                        new OutboundList(shown.stream().map(OutboundViews::view).toList(), next)));
    }

    private boolean maySee(Principal who, Outbound o) {
        if (who == null) {
            return false;
        }
        if (who.allows(Principal.READ)) {
            return true;
        }
        if (o.appId() == null) {
            return false;
        }
        return apps.appName(o.appId()).map(name -> who.allows("deploy:" + name)).orElse(false);
    }

    private String appId(String name) {
        return apps.appIdByName(name).orElseThrow(() -> new OutboundException.AppNotFound(name));
    }

    private static <T> T body(AdminCall call, Class<T> type) {
        String text = call.request().body();
        if (text == null || text.isBlank()) {
            throw new OutboundException.InvalidRequest("body", "The request needs a JSON body.");
        }
        try {
            return MessageCodec.INSTANCE.decode(text.getBytes(java.nio.charset.StandardCharsets.UTF_8), type);
        } catch (MessageCodec.MalformedMessageException e) {
            throw new OutboundException.InvalidRequest("body", "The body is not a valid " + type.getSimpleName() + ".");
        }
    }

    private interface Handler {
        AdminResponse handle();
    }

    private static AdminResponse guarded(Handler handler) {
        try {
            return handler.handle();
        } catch (OutboundException e) {
            throw OutboundProblems.toProblem(e);
        }
    }
}
