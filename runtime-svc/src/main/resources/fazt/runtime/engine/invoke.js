// Calls the app's handler for the engine (AppContext): builds `ctx`, settles whatever the handler returned, and
// collects ctx.waitUntil promises. Returned to Java only.
(function () {
  'use strict';
  const NoContent = Response;

  function require(handler, name, signature) {
    if (handler == null || typeof handler[name] !== 'function') {
      throw new TypeError('api/main.js exports no ' + name + signature + ' handler');
    }
  }

  // What runs per trigger (RuntimeSubjects): http and async call fetch; scheduled calls scheduled(event) with the
  // event the scheduler sent as the JSON body; webhook calls webhook(request) when exported, else fetch. A handler
  // without a Response of its own (scheduled, a webhook returning nothing) answers 204.
  function dispatch(handler, trigger, request, env, ctx) {
    if (trigger === 'scheduled') {
      require(handler, 'scheduled', '(event, env, ctx)');
      return request.json().then((body) => {
        const event = Object.freeze({
          type: 'scheduled',
          name: body.name ?? null,
          cron: body.cron ?? null,
          every: body.every ?? null,
          scheduledTime: body.scheduledTime,
          noRetry() {},
        });
        return Promise.resolve(handler.scheduled(event, env, ctx)).then(() => new NoContent(null, { status: 204 }));
      });
    }
    if (trigger === 'webhook' && handler != null && typeof handler.webhook === 'function') {
      return Promise.resolve(handler.webhook(request, env, ctx))
        .then((r) => (r === undefined ? new NoContent(null, { status: 204 }) : r));
    }
    require(handler, 'fetch', '(request, env, ctx)');
    return handler.fetch(request, env, ctx);
  }

  return Object.freeze({
    call(handler, request, env, onWaitUntilFailure, trigger) {
      const waits = [];
      const ctx = Object.freeze({
        waitUntil(promise) {
          waits.push(Promise.resolve(promise).then(() => undefined, (e) => { onWaitUntilFailure(e); }));
        },
        passThroughOnException() {},
      });
      return { result: dispatch(handler, trigger, request, env, ctx), waits };
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
      return handler != null && ['fetch', 'scheduled', 'webhook', 'email'].some((name) => typeof handler[name] === 'function');
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
