// Calls the app's handler for the engine (AppContext): builds `ctx`, settles whatever the handler returned, and
// collects ctx.waitUntil promises. Returned to Java only.
(function () {
  'use strict';
  return Object.freeze({
    call(handler, request, env, onWaitUntilFailure) {
      const waits = [];
      const ctx = Object.freeze({
        waitUntil(promise) {
          waits.push(Promise.resolve(promise).then(() => undefined, (e) => { onWaitUntilFailure(e); }));
        },
        passThroughOnException() {},
      });
      if (handler == null || typeof handler.fetch !== 'function') {
        throw new TypeError('api/main.js exports no fetch(request, env, ctx) handler');
      }
      return { result: handler.fetch(request, env, ctx), waits };
    },
    settle(value, onValue, onError) {
      Promise.resolve(value).then((v) => { onValue(v); }, (e) => { onError(e); });
    },
    settleAll(promises, onDone) {
      Promise.all(promises).then(() => { onDone(); }, () => { onDone(); });
    },
    isObject(value) {
      return value !== null && (typeof value === 'object' || typeof value === 'function');
    },
    typeName(value) {
      return value === null ? 'null' : typeof value;
    },
    hasHandler(handler) {
      return handler != null && ['fetch', 'scheduled', 'email'].some((name) => typeof handler[name] === 'function');
    },
    describe(value) {
      if (value instanceof Error) {
        return value.name + ': ' + value.message;
      }
      try {
        return 'Uncaught ' + String(value);
      } catch (e) {
        return 'Uncaught exception';
      }
    },
  });
})
