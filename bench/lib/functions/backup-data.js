// bench/run backup: an app with data of its own. /api/seed?from=&n= writes KV entries and documents from..from+n-1
// (the run seeds in batches, each well inside the invocation's time limit on a busy machine); /api/read?n= answers
// entry n-1 of each and the document count, which must be the same after the restore.
export default {
  async fetch(request, env) {
    const url = new URL(request.url);
    const n = Number(url.searchParams.get("n") ?? 200);
    const notes = env.DB.collection("notes");
    if (url.pathname === "/api/seed") {
      const from = Number(url.searchParams.get("from") ?? 0);
      for (let i = from; i < from + n; i++) {
        await env.KV.put("k" + i, { i, text: "value " + i });
        await notes.insert({ _id: "n" + i, i, text: "note " + i, tags: ["t" + (i % 10)] });
      }
      return Response.json({ seeded: n });
    }
    return Response.json({
      kv: await env.KV.get("k" + (n - 1)),
      doc: await notes.get("n" + (n - 1)),
      count: await notes.count({}),
    });
  },
};
