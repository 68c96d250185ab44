// KV and DB throughput from JS: n put+get pairs, or n insert+find pairs, timed inside the handler.
export default {
  async fetch(request, env) {
    const url = new URL(request.url);
    const n = Number(url.searchParams.get("n") ?? 200);
    const t0 = Date.now();
    if (url.pathname.endsWith("/kv")) {
      for (let i = 0; i < n; i++) {
        await env.KV.put("k" + i, { i, at: t0 });
        const v = await env.KV.get("k" + i);
        if (v.i !== i) throw new Error("kv read back " + JSON.stringify(v) + " for " + i);
      }
    } else {
      const docs = env.DB.collection("bench");
      for (let i = 0; i < n; i++) {
        await docs.insert({ run: t0, i, tag: "t" + (i % 10) });
        const found = await docs.find({ run: t0, i }, { limit: 1 });
        const list = Array.isArray(found) ? found : found.documents;
        if (list.length !== 1) throw new Error("db found " + list.length + " for " + i);
      }
    }
    return Response.json({ pairs: n, ms: Date.now() - t0 });
  },
};
