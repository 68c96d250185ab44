package fazt.gateway.edge.intake;

import fazt.gateway.edge.Exchange;

/**
 * A classified request head whose body streams on past the intake ({@link BodyPolicy.Mode#FUNCTION} or
 * {@link BodyPolicy.Mode#ADMIN}): the body's {@code HttpContent} messages follow it down the pipeline.
 */
public record RoutedHead(Exchange exchange, BodyPolicy policy) {}
