package fazt.gateway.edge.intake;

import fazt.gateway.edge.Exchange;
import io.netty.buffer.ByteBuf;

/** A classified request whose body (empty for routes that take none) the intake read whole; release it when done. */
public record BufferedRequest(Exchange exchange, ByteBuf body) {
    public void release() {
        if (body.refCnt() > 0) {
            body.release();
        }
    }
}
