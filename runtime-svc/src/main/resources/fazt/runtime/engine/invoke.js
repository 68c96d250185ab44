// Calls the app's handler for the engine (AppContext): builds `ctx`, settles whatever the handler returned, and
// collects ctx.waitUntil promises. `mail` is mail.js's object (the email trigger's message). Returned to Java only.
(function (mail) {
  'use strict';
  const NoContent = Response;

  // Thrown by ctx.requireUser() without a logged-in user; call() answers it with its 401 response.
  class LoginRequired extends Error {
    constructor(response) {
      super('login required');
      this.name = 'LoginRequired';
      this.response = response;
    }
  }

  // ctx.user: the app user the gateway resolved from the app-session cookie (JSON from Java), or null.
  function appUser(json) {
    if (json == null) {
      return null;
    }
    const u = JSON.parse(json);
    return Object.freeze({ id: u.id ?? null, email: u.email ?? null, name: u.name ?? null,
      picture: u.picture ?? null, provider: u.provider ?? null });
  }

  // ctx.loginUrl({provider, redirect}): the login path on this app's host.
  function loginUrl(options) {
    const query = new URLSearchParams();
    if (options && options.provider != null) {
      query.set('provider', String(options.provider));
    }
    if (options && options.redirect != null) {
      query.set('redirect', String(options.redirect));
    }
    const q = query.toString();
    return '/_fazt/auth/login' + (q ? '?' + q : '');
  }

  function require(handler, name, signature) {
    if (handler == null || typeof handler[name] !== 'function') {
      throw new TypeError('api/main.js exports no ' + name + signature + ' handler');
    }
  }

  // What runs per trigger (RuntimeSubjects): http and async call fetch; scheduled calls scheduled(event) with the
  // event the scheduler sent as the JSON body; webhook calls webhook(request) when exported, else fetch; email calls
  // email(message) with the message the JSON body names, then waits for its setReject/forward/reply. A handler
  // without a Response of its own (scheduled, email, a webhook returning nothing) answers 204.
  function dispatch(handler, trigger, request, env, ctx) {
    if (trigger === 'email') {
      if (handler == null || typeof handler.email !== 'function') {
        throw new TypeError('the app exports no email handler: api/main.js must export email(message, env, ctx)');
      }
      return request.json().then((body) => mail.open(body)).then(({ message, done }) =>
        Promise.resolve(handler.email(message, env, ctx)).then(done)).then(() => new NoContent(null, { status: 204 }));
    }
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
    call(handler, request, env, onWaitUntilFailure, trigger, userJson) {
      const waits = [];
      const user = appUser(userJson);
      const ctx = Object.freeze({
        user,
        requireUser() {
          if (user === null) {
            throw new LoginRequired(new Response(JSON.stringify({
              type: 'https://errors.fazt.dev/auth/app-login-required', title: 'Login required', status: 401,
              detail: 'Log in to this app first: ' + loginUrl(null) }),
              { status: 401, headers: { 'content-type': 'application/problem+json' } }));
          }
          return user;
        },
        loginUrl,
        waitUntil(promise) {
          waits.push(Promise.resolve(promise).then(() => undefined, (e) => { onWaitUntilFailure(e); }));
        },
        passThroughOnException() {},
      });
      let result;
      try {
        result = dispatch(handler, trigger, request, env, ctx);
      } catch (e) {
        if (e instanceof LoginRequired) {
          return { result: e.response, waits };
        }
        throw e;
      }
      if (result != null && typeof result.then === 'function') {
        result = Promise.resolve(result).catch((e) => {
          if (e instanceof LoginRequired) {
            return e.response;
          }
          throw e;
        });
      }
      return { result, waits };
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
