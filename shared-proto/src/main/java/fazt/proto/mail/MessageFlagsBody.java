package fazt.proto.mail;

/** The body of {@code PATCH /api/mail/messages/{id}}: mark the message read ({@code true}) or unread. */
public record MessageFlagsBody(Boolean read) {}
