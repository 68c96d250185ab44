package fazt.mail.api;

import com.fasterxml.jackson.databind.JsonNode;
import fazt.mail.domain.Directory;
import fazt.mail.domain.InboxEntry;
import fazt.mail.domain.MailException;
import fazt.mail.domain.Mailbox;
import fazt.mail.domain.MessageContent;
import fazt.mail.persistence.JdbcInbox;
import fazt.platform.blobs.BlobWriter;
import fazt.platform.nats.NatsRequester;
import fazt.platform.service.admin.AdminCall;
import fazt.platform.service.admin.AdminInput;
import fazt.proto.ServiceName;
import fazt.proto.admin.AdminRequest;
import fazt.proto.admin.AdminResponse;
import fazt.proto.admin.AdminSubjects;
import fazt.proto.admin.BodyBlob;
import fazt.proto.auth.Principal;
import fazt.proto.mail.MessageList;
import fazt.proto.storage.BlobWritten;
import jakarta.inject.Singleton;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * The inbox routes of the admin API: listing a mailbox (an app's, the caller's own, or any for an admin), reading,
 * downloading, marking and deleting a message. A message is addressed by id alone, so each handler checks, once it
 * is found, the scope of its mailbox: {@code read|deploy:<app>} to look at an app's, {@code deploy:<app>} to change
 * it; for a user's mailbox, that the caller is that user (or an admin). Anything else answers 404, as an unknown id.
 * A download of at most {@link AdminSubjects#MAX_INLINE_BODY} bytes of UTF-8 travels inline; anything else (binary,
 * larger: up to the message size limit) is written to storage and streamed by the gateway as a blob.
 */
@Singleton
final class InboxRoutes {
    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 100;
    static final int MAX_QUERY = 200;

    private final JdbcInbox inbox;
    private final Directory directory;
    private final BlobWriter blobs;
    private final AdminInput input = new AdminInput(ServiceName.MAIL);

    InboxRoutes(JdbcInbox inbox, Directory directory, NatsRequester requester) {
        this.inbox = inbox;
        this.directory = directory;
        this.blobs = new BlobWriter(requester);
    }

    AdminResponse appMessages(AdminCall call) {
        String name = call.param("name");
        Directory.App app = directory.appNamed(name).orElseThrow(() -> new MailException.AppNotFound(name));
        return page(call.request(), Mailbox.app(app.appId()));
    }

    AdminResponse messages(AdminCall call) {
        Principal who = call.principal();
        String mailbox = call.query("mailbox");
        if (mailbox == null) {
            mailbox = Mailbox.user(who.subject());
        } else if (!Mailbox.valid(mailbox)) {
            throw new MailException.InvalidRequest("mailbox", "mailbox is app:<appId> or user:<userId>.");
        } else if (!mailbox.equals(Mailbox.user(who.subject())) && !who.allows(Principal.ADMIN)) {
            throw new MailException.NotAllowed("Only an admin may list another mailbox.");
        }
        return page(call.request(), mailbox);
    }

    AdminResponse message(AdminCall call) {
        InboxEntry entry = readable(call);
        MessageContent content = inbox.content(entry);
        if (content == null) {
            throw new MailException.NoMessage(entry.id());
        }
        return AdminResponse.json(200, MailViews.json(MailViews.detail(entry, content)));
    }

    AdminResponse raw(AdminCall call) {
        InboxEntry entry = readable(call);
        byte[] raw = inbox.whole(entry.messageId(), -1).orElseThrow(() -> new MailException.NoMessage(entry.id()));
        return download(raw, "message/rfc822", entry.id() + ".eml");
    }

    AdminResponse attachment(AdminCall call) {
        InboxEntry entry = readable(call);
        int index;
        try {
            index = Integer.parseInt(call.param("index"));
        } catch (NumberFormatException e) {
            throw new MailException.NoPart(entry.id(), -2);
        }
        if (index < 0) {
            throw new MailException.NoPart(entry.id(), index);
        }
        JdbcInbox.AttachmentInfo info = inbox.attachmentInfo(entry.messageId(), index)
                .orElseThrow(() -> new MailException.NoPart(entry.id(), index));
        byte[] data =
                inbox.whole(entry.messageId(), index).orElseThrow(() -> new MailException.NoPart(entry.id(), index));
        String filename =
                info.filename() != null && !info.filename().isBlank() ? info.filename() : entry.id() + "-" + index;
        return download(data, info.contentType(), filename);
    }

    AdminResponse mark(AdminCall call) {
        InboxEntry entry = changeable(call);
        JsonNode body = input.jsonBody(call.request());
        boolean read = input.requiredBoolean(body, "read");
        inbox.setRead(entry.id(), read);
        return AdminResponse.json(
                200, MailViews.json(MailViews.summary(inbox.find(entry.id()).orElseThrow())));
    }

    AdminResponse delete(AdminCall call) {
        InboxEntry entry = changeable(call);
        inbox.delete(entry.id());
        return new AdminResponse(204, null, null, null, null);
    }

    private AdminResponse page(AdminRequest request, String mailbox) {
        String q = request.queryParam("q");
        if (q != null && q.length() > MAX_QUERY) {
            throw new MailException.InvalidRequest("q", "q is at most " + MAX_QUERY + " characters.");
        }
        String unread = request.queryParam("unread");
        if (unread != null && !unread.equals("true") && !unread.equals("false")) {
            throw new MailException.InvalidRequest("unread", "unread is true or false.");
        }
        int limit = DEFAULT_LIMIT;
        if (request.queryParam("limit") != null) {
            try {
                limit = Integer.parseInt(request.queryParam("limit"));
            } catch (NumberFormatException e) {
                limit = -1;
            }
            if (limit < 1 || limit > MAX_LIMIT) {
                throw new MailException.InvalidRequest("limit", "limit is a whole number from 1 to " + MAX_LIMIT + ".");
            }
        }
        JdbcInbox.Cursor after = cursor(request.queryParam("cursor"));
        List<InboxEntry> page = inbox.list(mailbox, q, "true".equals(unread), limit + 1, after);
        String next = null;
        if (page.size() > limit) {
            InboxEntry last = page.get(limit - 1);
            next = encode(last);
            page = page.subList(0, limit);
        }
        return AdminResponse.json(
                200,
                MailViews.json(
                        new MessageList(page.stream().map(MailViews::summary).toList(), next)));
    }

    private InboxEntry readable(AdminCall call) {
        InboxEntry entry = find(call.param("id"));
        if (!may(call.principal(), entry, false)) {
            throw new MailException.NoMessage(entry.id());
        }
        return entry;
    }

    private InboxEntry changeable(AdminCall call) {
        InboxEntry entry = find(call.param("id"));
        if (!may(call.principal(), entry, true)) {
            throw new MailException.NoMessage(entry.id());
        }
        return entry;
    }

    private boolean may(Principal who, InboxEntry entry, boolean change) {
        String appId = Mailbox.appIdOf(entry.mailbox());
        if (appId == null) {
            return entry.mailbox().equals(Mailbox.user(who.subject())) || who.allows(Principal.ADMIN);
        }
        String app = directory.app(appId).map(Directory.App::name).orElse(entry.appName());
        if (app == null) {
            return who.allows(Principal.ADMIN) || (!change && who.allows(Principal.READ));
        }
        return who.allows("deploy:" + app) || (!change && who.allows(Principal.READ));
    }

    private InboxEntry find(String id) {
        if (id.length() > 100) {
            throw new MailException.NoMessage(id.substring(0, 100));
        }
        return inbox.find(id).orElseThrow(() -> new MailException.NoMessage(id));
    }

    private AdminResponse download(byte[] data, String contentType, String filename) {
        Map<String, String> headers = Map.of(
                "Content-Disposition", "attachment; filename=\"" + filename.replaceAll("[^A-Za-z0-9._-]", "_") + "\"");
        String text = data.length <= AdminSubjects.MAX_INLINE_BODY ? utf8(data) : null;
        if (text != null) {
            return new AdminResponse(200, contentType, headers, text, null);
        }
        BlobWritten written = blobs.write(data);
        long size = written.size() == null ? data.length : written.size();
        return new AdminResponse(200, contentType, headers, null, new BodyBlob(written.digest(), size));
    }

    private static String utf8(byte[] data) {
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(data))
                    .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private static String encode(InboxEntry last) {
        long micros = last.receivedAt().getEpochSecond() * 1_000_000L
                + last.receivedAt().getNano() / 1_000;
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString((micros + ":" + last.id()).getBytes(StandardCharsets.UTF_8));
    }

    private static JdbcInbox.Cursor cursor(String text) {
        if (text == null) {
            return null;
        }
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            long micros = Long.parseLong(decoded.substring(0, colon));
            Instant at =
                    Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000);
            return new JdbcInbox.Cursor(at, decoded.substring(colon + 1));
        } catch (RuntimeException e) {
            throw new MailException.InvalidRequest("cursor", "cursor is not one this API gave.");
        }
    }
}
