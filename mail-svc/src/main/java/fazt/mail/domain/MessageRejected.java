package fazt.mail.domain;

import fazt.proto.mail.AuthResults;

/**
 * What follows an app's handler rejecting a message ({@code setReject(reason)}), after the entry was marked
 * {@code rejected}: ADR 30 bounces it to the envelope sender only when that sender passed SPF or DKIM (no
 * backscatter). The bounce is the outbound side's: its bean of this port sends it.
 */
public interface MessageRejected {
    void rejected(InboxEntry entry, String reason, AuthResults auth);
}
