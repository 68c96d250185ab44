// Outbound mail throughput: queues n messages with env.MAIL.send, c at a time, timed inside the handler.
// The bench then waits until the relay (smtp-sink) has received them all.
export default {
  async fetch(request, env) {
    const url = new URL(request.url);
    const n = Number(url.searchParams.get("n") ?? 100);
    const c = Number(url.searchParams.get("c") ?? 10);
    const run = url.searchParams.get("run") ?? "0";
    const to = url.searchParams.get("to") ?? "sink@example.net";
    const t0 = Date.now();
    let next = 0;
    const ids = [];
    async function worker() {
      while (next < n) {
        const i = next++;
        const sent = await env.MAIL.send({
          to,
          subject: `bench ${run} #${i}`,
          text: `message ${i} of run ${run}\n`.repeat(20),
        });
        ids.push(sent.id);
      }
    }
    await Promise.all(Array.from({ length: Math.min(c, n) }, worker));
    return Response.json({ queued: ids.length, ms: Date.now() - t0 });
  },
};
