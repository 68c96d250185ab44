package fazt.proto.mail;

import java.util.List;

/**
 * {@code GET /api/apps/{name}/mail}: the app's mail: its private {@code address} ({@code <app-id>@<mail domain>}),
 * every address delivering to it, and how many messages its mailbox holds ({@code unread} of {@code total}).
 */
public record AppMailView(String address, List<AddressView> addresses, long total, long unread) {}
