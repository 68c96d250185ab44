// bench/lib/NatsReplyTable.java: what nats-server spends per request/reply when the answering user has allow_responses
// and an explicit publish right that also covers the asker's reply inboxes ("old", before ADR 37) or only a part of its
// inbox apart from them ("new"). Starts its own nats-server on the given port; prints req/s and nats-server CPU per request.
//   java -cp ~/.m2/repository/io/nats/jnats/2.26.2/jnats-2.26.2.jar bench/lib/NatsReplyTable.java old|new REQUESTS PORT
import io.nats.client.*;
import java.nio.file.*;
import java.util.*;
import java.util.concurrent.*;

/** nats-server CPU per request/reply, answering side with an explicit right on the asker's whole inbox (old) or not (new). */
public class NatsReplyTable {
    public static void main(String[] a) throws Exception {
        String layout = a[0]; int n = Integer.parseInt(a[1]); int port = Integer.parseInt(a[2]);
        String rtPub = layout.equals("old") ? "\"inbox.gw.>\"" : "\"inbox.gw.beat.>\"";
        Path conf = Files.createTempFile("repro", ".conf");
        Files.writeString(conf, """
            port: %d
            authorization { users: [
              { user: gw, password: gw, permissions: { publish: { allow: ["svc.>"] }, subscribe: { allow: ["inbox.gw.>"] }, allow_responses: true } }
              { user: rt, password: rt, permissions: { publish: { allow: [%s] }, subscribe: { allow: ["svc.>"] }, allow_responses: true } }
            ] }
            """.formatted(port, rtPub));
        Process server = new ProcessBuilder("/usr/sbin/nats-server", "-c", conf.toString()).inheritIO().start();
        Thread.sleep(500);
        try (Connection gw = Nats.connect(new Options.Builder().server("nats://127.0.0.1:" + port).userInfo("gw", "gw").inboxPrefix("inbox.gw").build());
             Connection rt = Nats.connect(new Options.Builder().server("nats://127.0.0.1:" + port).userInfo("rt", "rt").inboxPrefix("inbox.rt").build())) {
            rt.createDispatcher(m -> rt.publish(m.getReplyTo(), m.getData())).subscribe("svc.invoke", "runtime");
            rt.flush(java.time.Duration.ofSeconds(5));
            run(gw, 2000);
            long cpu0 = cpu(server.pid()); long t0 = System.nanoTime();
            run(gw, n);
            long cpu1 = cpu(server.pid()); long t1 = System.nanoTime();
            System.out.printf("layout=%s requests=%d wall=%.1fs req/s=%.0f nats-server cpu=%.2fs (%.1f us/request)%n", layout, n,
                (t1 - t0) / 1e9, n / ((t1 - t0) / 1e9), (cpu1 - cpu0) / 100.0, (cpu1 - cpu0) * 10_000.0 / n);
        } finally {
            server.destroy();
        }
    }

    static void run(Connection gw, int n) throws Exception {
        Semaphore inFlight = new Semaphore(32);
        CountDownLatch done = new CountDownLatch(n);
        byte[] body = new byte[200];
        for (int i = 0; i < n; i++) {
            inFlight.acquire();
            gw.requestWithTimeout("svc.invoke", body, java.time.Duration.ofSeconds(30)).whenComplete((m, f) -> { inFlight.release(); done.countDown(); });
        }
        done.await();
    }

    static long cpu(long pid) throws Exception {
        String[] f = Files.readString(Path.of("/proc/" + pid + "/stat")).split(" ");
        return Long.parseLong(f[13]) + Long.parseLong(f[14]);
    }
}
