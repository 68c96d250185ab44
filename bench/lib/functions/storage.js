// KV and DB throughput from JS, timed inside the handler: /kv n put+get pairs (with r=1 the keys get a random prefix
// of their own, so concurrent requests do not write the same rows), /kvhot one put then n gets of that key, /db n
// insert+find pairs.
export default {
  async fetch(request, env) {
    const url = new URL(request.url);
    const n = Number(url.searchParams.get("n") ?? 200);
    const t0 = Date.now();
    if (url.pathname.endsWith("/kv")) {
      const prefix = url.searchParams.get("r") ? "c" + Math.floor(Math.random() * 1e9) + "-" : "k";
      for (let i = 0; i < n; i++) {
        await env.KV.put(prefix + i, { i, at: t0 });
        const v = await env.KV.get(prefix + i);
        if (v.i !== i) throw new Error("kv read back " + JSON.stringify(v) + " for " + i);
      }
    } else if (url.pathname.endsWith("/kvhot")) {
      await env.KV.put("hot", { at: t0 });
      for (let i = 0; i < n; i++) {
        const v = await env.KV.get("hot");
        if (v.at !== t0) throw new Error("kv hot read back " + JSON.stringify(v));
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
