package fazt.proto.mail;

import fazt.proto.ServiceName;
import fazt.proto.admin.AdminRoute;
import java.util.List;

/**
 * mail-svc's part of the admin API (ADR 30): mailboxes and their messages, the addresses mail is accepted for,
 * sending, the outbound queue, the relay, and the DNS records of a mail domain. A message or an outbound message is
 * addressed by its id alone, so {@code /mail/messages/{id}} and {@code /mail/outbound/{id}} check the scope of the
 * mailbox's app ({@code read|deploy:<app>} to look, {@code deploy:<app>} to change) or, for a user's mailbox, that
 * the caller is that user, once the message is found; anything else answers 404 as an unknown id would.
 */
public final class MailAdminApi {
    private MailAdminApi() {}

    public static final List<AdminRoute> ROUTES = List.of(
            route("GET", "/apps/{name}/mail", "read|deploy:{name}", "Shows an app's mail addresses and mailbox counts")
                    .returns(200, AppMailView.class),
            route(
                            "GET",
                            "/apps/{name}/mail/messages",
                            "read|deploy:{name}",
                            "Lists an app's received mail, newest first")
                    .query("q", "unread", "limit", "cursor")
                    .returns(200, MessageList.class),
            route("GET", "/apps/{name}/mail/outbound", "read|deploy:{name}", "Lists the mail an app sent, newest first")
                    .query("status", "limit", "cursor")
                    .returns(200, OutboundList.class),
            route(
                            "GET",
                            "/mail/messages",
                            "caller",
                            "Lists the caller's own mailbox, newest first (an admin may name any)")
                    .query("mailbox", "q", "unread", "limit", "cursor")
                    .returns(200, MessageList.class),
            route(
                            "GET",
                            "/mail/messages/{id}",
                            "caller",
                            "Shows a received message: headers, bodies, attachments, auth")
                    .returns(200, MessageDetail.class),
            route(
                            "GET",
                            "/mail/messages/{id}/raw",
                            "caller",
                            "Downloads a received message as it arrived (message/rfc822)")
                    .answers(200),
            route("GET", "/mail/messages/{id}/attachments/{index}", "caller", "Downloads one attachment, decoded")
                    .answers(200),
            route("PATCH", "/mail/messages/{id}", "caller", "Marks a received message read or unread")
                    .accepts(MessageFlagsBody.class)
                    .returns(200, MessageSummary.class),
            route("DELETE", "/mail/messages/{id}", "caller", "Deletes a received message")
                    .answers(204),
            route("GET", "/mail/addresses", "read", "Lists every address mail is accepted for")
                    .returns(200, AddressList.class),
            route(
                            "POST",
                            "/mail/addresses",
                            "admin",
                            "Claims an address (or a domain's catch-all) for an app or yourself")
                    .accepts(AddressBody.class)
                    .returns(201, AddressView.class),
            route("DELETE", "/mail/addresses/{address}", "admin", "Releases a claimed address")
                    .answers(204),
            route("POST", "/mail/send", "admin", "Queues a message for delivery through the relay")
                    .accepts(SendBody.class)
                    .returns(202, SendAnswer.class),
            route("GET", "/mail/outbound", "read", "Lists outbound mail and its delivery state, newest first")
                    .query("app", "status", "limit", "cursor")
                    .returns(200, OutboundList.class),
            route("GET", "/mail/outbound/{id}", "caller", "Shows one outbound message and its delivery state")
                    .returns(200, OutboundView.class),
            route("GET", "/mail/relay", "admin", "Shows the relay outbound mail goes through (never its password)")
                    .returns(200, RelayView.class),
            route("PUT", "/mail/relay", "admin", "Sets the relay outbound mail goes through")
                    .accepts(RelayBody.class)
                    .returns(200, RelayView.class),
            route(
                            "GET",
                            "/mail/domains/{domain}/dns",
                            "admin",
                            "The DNS records for a mail domain (MX, SPF, DKIM, DMARC)")
                    .returns(200, DnsRecords.class));

    private static AdminRoute route(String method, String template, String scope, String summary) {
        return AdminRoute.of(ServiceName.MAIL, method, template, scope, summary);
    }
}
