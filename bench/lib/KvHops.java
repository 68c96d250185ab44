// Per-hop timings for ADR 36: a plain NATS request/reply (an echo subscriber) and storage-svc's kv.put / kv.get called
// directly over NATS, sequential. Run against a running suite (scripts/stack up), with the built jars:
//   java -cp "server/target/fazt-server/lib/*" bench/lib/KvHops.java nats://127.0.0.1:4222 <FAZT_SUBJECT_ROOT> 300
import fazt.proto.MessageCodec;
import fazt.proto.storage.*;
import io.nats.client.*;
import io.nats.client.impl.*;
import java.time.Duration;
import java.nio.charset.StandardCharsets;

/** Per-hop timings: raw NATS echo round trip, and storage-svc's kv.put / kv.get over NATS, sequential. */
public class KvHops {
    public static void main(String[] a) throws Exception {
        String url = a[0], root = a[1];
        int n = Integer.parseInt(a[2]);
        try (Connection c = Nats.connect(new Options.Builder().server(url).build());
             Connection echo = Nats.connect(new Options.Builder().server(url).build())) {
            Dispatcher d = echo.createDispatcher(m -> echo.publish(m.getReplyTo(), m.getData()));
            d.subscribe(root + ".probe.echo");
            echo.flush(Duration.ofSeconds(2));
            byte[] body = new byte[100];
            for (int w = 0; w < 2; w++) {
                long t0 = System.nanoTime();
                for (int i = 0; i < n; i++) c.request(root + ".probe.echo", body, Duration.ofSeconds(2));
                long t1 = System.nanoTime();
                System.out.printf("nats echo rtt: %.1f us%n", (t1 - t0) / 1e3 / n);
            }
            for (int w = 0; w < 2; w++) {
                long put = 0, get = 0;
                for (int i = 0; i < n; i++) {
                    long t0 = System.nanoTime();
                    call(c, root + ".svc.storage.kv.put", new KvPutRequest("probe", "k" + i, "json", ("{\"i\":" + i + "}").getBytes(StandardCharsets.UTF_8), null));
                    long t1 = System.nanoTime();
                    call(c, root + ".svc.storage.kv.get", new KvGetRequest("probe", "k" + i));
                    long t2 = System.nanoTime();
                    put += t1 - t0; get += t2 - t1;
                }
                System.out.printf("storage kv.put rtt: %.1f us, kv.get rtt: %.1f us, pairs/s %.0f%n", put / 1e3 / n, get / 1e3 / n, n / ((put + get) / 1e9));
            }
        }
    }

    static void call(Connection c, String subject, Object req) throws Exception {
        Headers h = new Headers();
        h.put("Fazt-Type", MessageCodec.typeId(req.getClass()));
        Message m = c.request(NatsMessage.builder().subject(subject).headers(h).data(MessageCodec.INSTANCE.encode(req)).build(), Duration.ofSeconds(5));
        if (m == null) throw new IllegalStateException("no reply");
        if (m.getHeaders() != null && m.getHeaders().getFirst("Nats-Service-Error-Code") != null) throw new IllegalStateException(new String(m.getData()));
    }
}
