// The same module runs on fazt (as api/main.js) and on workerd: a hello handler and a JSON echo handler.
export default {
  async fetch(request) {
    if (request.method === "POST") {
      return Response.json(await request.json());
    }
    return new Response("hello, world\n", { headers: { "content-type": "text/plain" } });
  },
};
