package fazt.mail.domain;

/** Announces stored messages ({@code evt.mail.message.received}); a failure is logged, never undoes the store. */
public interface MessageEvents {
    void received(Incoming message, Incoming.Delivery delivery);
}
