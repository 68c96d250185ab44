// setTimeout/clearTimeout/setInterval/clearInterval (HTML timers) and queueMicrotask, on the host's timer queue.
(function (host, internal) {
  'use strict';
  const timers = new Map(); // app-visible id -> current host timer id
  let nextId = 1;
  const delayOf = (d) => { d = Number(d); return Number.isFinite(d) && d > 0 ? Math.floor(d) : 0; };
  const checkCallback = (name, cb) => {
    if (typeof cb !== 'function') throw new TypeError(`${name}: the "callback" argument must be a function`);
  };

  internal.setTimer = (fn, ms) => host.setTimer(delayOf(ms), fn);

  function setTimeout(callback, delay = 0, ...args) {
    checkCallback('setTimeout', callback);
    const id = nextId++;
    timers.set(id, host.setTimer(delayOf(delay), () => {
      if (!timers.delete(id)) return;
      try { callback(...args); } catch (e) { internal.reportError(e); }
    }));
    return id;
  }
  function setInterval(callback, delay = 0, ...args) {
    checkCallback('setInterval', callback);
    const id = nextId++;
    const ms = delayOf(delay);
    const arm = () => timers.set(id, host.setTimer(ms, () => {
      if (!timers.has(id)) return;
      arm();
      try { callback(...args); } catch (e) { internal.reportError(e); }
    }));
    arm();
    return id;
  }
  function clearTimer(id) {
    if (id === undefined || id === null) return;
    const hostId = timers.get(Number(id));
    if (hostId === undefined) return;
    timers.delete(Number(id));
    host.clearTimer(hostId);
  }
  function clearTimeout(id) { clearTimer(id); }
  function clearInterval(id) { clearTimer(id); }
  function queueMicrotask(callback) {
    if (typeof callback !== 'function') {
      throw new TypeError("Failed to execute 'queueMicrotask': parameter 1 is not of type 'Function'.");
    }
    Promise.resolve().then(() => { try { callback(); } catch (e) { internal.reportError(e); } });
  }
  // performance (High Resolution Time): monotonic, coarsened to 0.1 ms; navigator with a fixed user agent.
  const timeOrigin = Date.now();
  const start = host.monotonicMillis();
  const performance = {
    get timeOrigin() { return timeOrigin; },
    now() { return Math.round((host.monotonicMillis() - start) * 10) / 10; },
    toJSON() { return { timeOrigin }; },
  };
  Object.defineProperty(performance, Symbol.toStringTag, { value: 'Performance', configurable: true });
  internal.define('performance', performance);
  const navigator = { userAgent: 'fazt', language: 'en-US', languages: ['en-US'], hardwareConcurrency: 1 };
  Object.defineProperty(navigator, Symbol.toStringTag, { value: 'Navigator', configurable: true });
  internal.define('navigator', Object.freeze(navigator));

  internal.define('setTimeout', setTimeout);
  internal.define('setInterval', setInterval);
  internal.define('clearTimeout', clearTimeout);
  internal.define('clearInterval', clearInterval);
  internal.define('queueMicrotask', queueMicrotask);
});
