// Open-loop load at a fixed rate: node rate.js <url> <host|-> <rate/s> <seconds> [connections] [post-body]
// Latency counts from the moment a request was due, not from when it went out, so a slow server cannot hide
// queueing (no coordinated omission). Prints: "<achieved req/s> <p50 ms> <p99 ms> <errors>".
"use strict";
const http = require("http");
const [url, host, rateArg, secondsArg, connArg, body] = process.argv.slice(2);
const rate = Number(rateArg), seconds = Number(secondsArg), connections = Number(connArg || 50);
const target = new URL(url);
const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
const latencies = [];
let errors = 0, sent = 0, done = 0;
const start = process.hrtime.bigint();
const total = Math.round(rate * seconds);
const headers = host === "-" ? {} : { Host: host };
if (body) headers["Content-Type"] = "application/json";

function fire(dueNs) {
  sent++;
  const req = http.request({ host: target.hostname, port: target.port, path: target.pathname + target.search,
      method: body ? "POST" : "GET", headers, agent }, res => {
    res.on("data", () => {});
    res.on("end", () => {
      if (res.statusCode >= 400) errors++;
      latencies.push(Number(process.hrtime.bigint() - dueNs) / 1e6);
      finish();
    });
  });
  req.on("error", () => { errors++; finish(); });
  if (body) req.end(body); else req.end();
}
function finish() {
  if (++done === total) report();
}
function report() {
  const elapsed = Number(process.hrtime.bigint() - start) / 1e9;
  latencies.sort((a, b) => a - b);
  const q = p => latencies.length ? latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] : 0;
  console.log(`${(done / elapsed).toFixed(0)} ${q(0.5).toFixed(2)} ${q(0.99).toFixed(2)} ${errors}`);
  agent.destroy();
  process.exit(0);
}
const interval = 1e9 / rate;
(function tick() {
  const now = process.hrtime.bigint();
  while (sent < total && start + BigInt(Math.round(sent * interval)) <= now) {
    fire(start + BigInt(Math.round(sent * interval)));
  }
  if (sent < total) setTimeout(tick, 1);
})();
setTimeout(() => { console.error("rate.js: gave up waiting for responses"); report(); }, (seconds + 30) * 1000).unref();
