package fazt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code fazt mail list|show|outbound|dns} against the admin API's golden answers. */
class MailCommandTest {
    @RegisterExtension
    final FakeServerExtension cli = new FakeServerExtension();

    @Test
    void listShowsAnAppsMailboxWithItsFilters() {
        cli.server().json("GET /api/apps/shop/mail/messages", 200, Golden.json("MessageList"));

        CliRun run = cli.run("mail", "list", "shop", "--unread", "--search", "order 42", "--limit", "5");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(cli.server().last().query()).isEqualTo("q=order+42&unread=true&limit=5");
        assertThat(run.out().lines().toList())
                .containsExactly(
                        "ID              RECEIVED          FROM                       TO                        "
                                + "SUBJECT      SIZE  STATE",
                        "m_8fK2pQ7xLw3N  " + Table.time("2026-01-02T03:04:05Z")
                                + "  Alice <alice@example.org>  support@shop.example.com  Order 42  17.8 KB  "
                                + "delivered, unread, 1 attachment");
    }

    @Test
    void listWithoutAnAppReadsYourOwnMailboxAndSaysWhenItIsEmpty() {
        cli.server().json("GET /api/mail/messages", 200, "{\"messages\": [], \"nextCursor\": null}");

        CliRun run = cli.run("mail", "list");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(cli.server().last().query()).isNull();
        assertThat(run.out()).isEqualTo("your mailbox is empty\n");
        assertThat(cli.run("mail", "list", "--json").out().strip())
                .isEqualTo("{\"messages\": [], \"nextCursor\": null}");
    }

    @Test
    void showPrintsTheSenderAuthenticationAttachmentsAndText() {
        cli.server().json("GET /api/mail/messages/m_8fK2pQ7xLw3N", 200, Golden.json("MessageDetail"));

        CliRun run = cli.run("mail", "show", "m_8fK2pQ7xLw3N");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out().lines().toList())
                .contains(
                        "message   m_8fK2pQ7xLw3N in app:a_3kq9Zt7mWp2X (delivered, unread)",
                        "from      Alice <alice@example.org> (envelope alice@example.org)",
                        "to        support@shop.example.com",
                        "subject   Order 42",
                        "id header <abc@example.org>",
                        "auth      spf pass, dkim pass (example.org), dmarc pass (policy reject)",
                        "N  NAME       TYPE           SIZE",
                        "0  photo.jpg  image/jpeg  16.6 KB",
                        "Where is my order?");
    }

    @Test
    void aSendersControlCharactersNeverReachTheTerminal() {
        String detail = Golden.json("MessageDetail")
                .replace("\"subject\": \"Order 42\"", "\"subject\": \"\\u001b]0;pwned\\u0007Order\\r42\"")
                .replace("Where is my order?", "line one\\r\\nline \\u001b[2Jtwo\\tend");
        cli.server().json("GET /api/mail/messages/m_1", 200, detail);

        CliRun run = cli.run("mail", "show", "m_1");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).doesNotContain("\u001b").doesNotContain("\u0007").doesNotContain("\r");
        assertThat(run.out()).contains("subject   ?]0;pwned?Order?42").contains("line one\nline ?[2Jtwo\tend");
    }

    @Test
    void anAttachmentIsSavedToANewFileOnly() throws Exception {
        byte[] photo = {(byte) 0xff, (byte) 0xd8, 0, 1, 2};
        cli.server().bytes("GET /api/mail/messages/m_1/attachments/0", photo);
        Path file = cli.home().resolve("photo.jpg");

        CliRun run = cli.run("mail", "show", "m_1", "--attachment", "0", "-o", file.toString());

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(Files.readAllBytes(file)).isEqualTo(photo);
        assertThat(run.out()).isEqualTo("saved attachment 0 of m_1 to " + file + " (5 B)\n");
        CliRun again = cli.run("mail", "show", "m_1", "--attachment", "0", "-o", file.toString());
        assertThat(again.exit()).isEqualTo(1);
        assertThat(again.err()).isEqualTo("fazt: " + file + " exists; choose another file\n");
        CliRun noFile = cli.run("mail", "show", "m_1", "--attachment", "0");
        assertThat(noFile.exit()).isEqualTo(2);
        assertThat(noFile.err()).contains("--attachment needs -o FILE");
    }

    @Test
    void rawPrintsTheMessageAsItArrived() {
        String raw = "From: Alice <alice@example.org>\r\nSubject: Order 42\r\n\r\nWhere is my order?\r\n";
        cli.server().bytes("GET /api/mail/messages/m_1/raw", raw.getBytes(StandardCharsets.UTF_8));

        CliRun run = cli.run("mail", "show", "m_1", "--raw");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo("From: Alice <alice@example.org>\nSubject: Order 42\n\nWhere is my order?\n");
    }

    @Test
    void outboundListsAnAppsMailAndShowsOneMessagesDeliveryState() {
        cli.server().json("GET /api/apps/shop/mail/outbound", 200, Golden.json("OutboundList"));
        CliRun list = cli.run("mail", "outbound", "--app", "shop", "--status", "retrying");
        assertThat(list.exit()).as(list.err()).isZero();
        assertThat(cli.server().last().query()).isEqualTo("status=retrying");
        assertThat(list.out().lines().toList())
                .containsExactly(
                        "ID        QUEUED            FROM                      TO                 SUBJECT       "
                                + "STATUS    ATTEMPTS  ANSWER",
                        "o_5Hn2Wq  " + Table.time("2026-01-02T03:04:05Z")
                                + "  support@shop.example.com  alice@example.org  Re: Order 42  retrying         1"
                                + "  451 4.3.0 try again later");

        cli.server().json("GET /api/mail/outbound/o_5Hn2Wq", 200, Golden.json("OutboundView"));
        CliRun one = cli.run("mail", "outbound", "o_5Hn2Wq");
        assertThat(one.exit()).as(one.err()).isZero();
        assertThat(one.out().lines().toList())
                .contains(
                        "outbound  o_5Hn2Wq (retrying, 1 attempt)",
                        "sent by   app a_3kq9Zt7mWp2X",
                        "id header <o_5Hn2Wq@mail.example.com>",
                        "to        alice@example.org",
                        "next try  " + Table.time("2026-01-02T03:05:05Z"),
                        "relay     451 4.3.0 try again later");

        cli.server().json("GET /api/mail/outbound", 200, "{\"messages\": [], \"nextCursor\": null}");
        assertThat(cli.run("mail", "outbound").out()).isEqualTo("no outbound mail\n");
    }

    @Test
    void dnsPrintsATableAndZoneFileLines() {
        cli.server().json("GET /api/mail/domains/example.com/dns", 200, Golden.json("DnsRecords"));

        CliRun run = cli.run("mail", "dns", "example.com");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out().lines().toList())
                .containsExactly(
                        "TYPE  NAME                          VALUE                   PURPOSE",
                        "MX    example.com                   10 mail.example.com.    receive mail here",
                        "TXT   fazt1._domainkey.example.com  v=DKIM1; k=rsa; p=MIIB  DKIM key",
                        "",
                        "; zone-file lines for example.com (DKIM selector fazt1)",
                        "example.com.\t3600\tIN\tMX\t10 mail.example.com.",
                        "fazt1._domainkey.example.com.\t3600\tIN\tTXT\t\"v=DKIM1; k=rsa; p=MIIB\"");
    }

    @Test
    void aLongTxtValueIsCutIntoStringsOf255() {
        String key = "v=DKIM1; k=rsa; p=" + "A".repeat(400);
        String line = ZoneFile.line("TXT", "fazt1._domainkey.example.com.", key);
        assertThat(line)
                .isEqualTo("fazt1._domainkey.example.com.\t3600\tIN\tTXT\t\"" + key.substring(0, 255) + "\" \""
                        + key.substring(255) + "\"");
        assertThat(ZoneFile.line("TXT", "_dmarc.example.com", "a\"b"))
                .isEqualTo("_dmarc.example.com.\t3600\tIN\tTXT\t\"a\\\"b\"");
    }
}
