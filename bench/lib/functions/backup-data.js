// bench/run backup: an app with data of its own. /api/seed?n= writes n KV entries and n documents; /api/read?n=
// answers the last of each and the document count, which must be the same after the restore.
export default {
  async fetch(request, env) {
    const url = new URL(request.url);
    const n = Number(url.searchParams.get("n") ?? 200);
    const notes = env.DB.collection("notes");
    if (url.pathname === "/api/seed") {
      for (let i = 0; i < n; i++) {
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
