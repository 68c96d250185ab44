// Request, Response and the Body mixin (Fetch Standard), and the JS side of fetch().
(function (host, internal) {
  'use strict';
  // captured now: app code replacing these globals later must not change how the platform behaves
  const { URL, URLSearchParams, ReadableStream, Blob, FormData, AbortSignal, Headers } = globalThis;
  const kGuard = internal.headerGuard, newHeaders = internal.newHeaders, kBody = Symbol('body');
  const { create: ObjectCreate, defineProperty: ObjectDefineProperty } = Object;

  // ---------------------------------------------------------------- Body
  const extractBody = (object) => {
    if (typeof object === 'string') return { source: internal.utf8Encode(object), type: 'text/plain;charset=UTF-8' };
    if (object instanceof ReadableStream) {
      if (object.locked || internal.isDisturbed(object)) throw new TypeError('Response body object should not be disturbed or locked');
      return { stream: object, type: null };
    }
    if (object instanceof Blob) return { source: internal.blobBytes(object), type: object.type || null };
    if (object instanceof ArrayBuffer || ArrayBuffer.isView(object)) return { source: internal.toBytes(object, 'body').slice(), type: null };
    if (object instanceof URLSearchParams) return { source: internal.utf8Encode(object.toString()), type: 'application/x-www-form-urlencoded;charset=UTF-8' };
    if (object instanceof FormData) {
      const { bytes, boundary } = internal.serializeMultipart(object);
      return { source: bytes, type: 'multipart/form-data; boundary=' + boundary };
    }
    if (object !== null && typeof object === 'object' && typeof object[Symbol.asyncIterator] === 'function') {
      return { stream: ReadableStream.from(object), type: null };
    }
    return { source: internal.utf8Encode(String(object)), type: 'text/plain;charset=UTF-8' };
  };
  const newBodyState = (extracted) => ({
    source: extracted ? extracted.source || null : null,
    stream: extracted ? extracted.stream || null : null,
    used: false,
  });
  const bodyUsed = (b) => b.used || (b.stream !== null && internal.isDisturbed(b.stream));
  const hasBody = (b) => b.source !== null || b.stream !== null;

  const consume = async (obj, what) => {
    const b = obj[kBody];
    if (bodyUsed(b)) throw new TypeError(`Failed to execute '${what}' on '${obj[Symbol.toStringTag]}': body stream already read`);
    if (b.stream !== null) {
      if (b.stream.locked) throw new TypeError(`Failed to execute '${what}' on '${obj[Symbol.toStringTag]}': body stream is locked`);
      return internal.readAll(b.stream);
    }
    b.used = true;
    return b.source === null ? new Uint8Array(0) : b.source;
  };
  const mimeEssence = (obj) => {
    const ct = obj.headers.get('content-type');
    return ct === null ? '' : ct.split(';')[0].trim().toLowerCase();
  };
  const BodyMixin = {
    get body() {
      const b = this[kBody];
      if (b.stream === null && b.source !== null) b.stream = internal.streamOf(b.source);
      return b.stream;
    },
    get bodyUsed() { return bodyUsed(this[kBody]); },
    async arrayBuffer() { const bytes = await consume(this, 'arrayBuffer'); return bytes.slice().buffer; },
    async bytes() { return (await consume(this, 'bytes')).slice(); },
    async text() { return internal.utf8Decode(await consume(this, 'text')); },
    async json() { return JSON.parse(internal.utf8Decode(await consume(this, 'json'))); },
    async blob() {
      const bytes = await consume(this, 'blob');
      const ct = this.headers.get('content-type');
      return internal.newBlob(bytes.slice(), ct === null ? '' : ct);
    },
    async formData() {
      const essence = mimeEssence(this);
      const bytes = await consume(this, 'formData');
      if (essence === 'multipart/form-data') return internal.parseMultipart(bytes, this.headers.get('content-type'));
      if (essence === 'application/x-www-form-urlencoded') {
        const fd = new FormData();
        for (const [k, v] of new URLSearchParams(internal.utf8Decode(bytes))) fd.append(k, v);
        return fd;
      }
      throw new TypeError(`Failed to execute 'formData' on '${this[Symbol.toStringTag]}': Could not parse content as FormData.`);
    },
  };
  const mixBody = (cls) => {
    for (const key of Object.getOwnPropertyNames(BodyMixin)) {
      Object.defineProperty(cls.prototype, key, Object.getOwnPropertyDescriptor(BodyMixin, key));
    }
  };
  const cloneBody = (obj, what) => {
    const b = obj[kBody];
    if (bodyUsed(b)) throw new TypeError(`Failed to execute 'clone' on '${what}': ${what} body is already used`);
    if (b.stream !== null) {
      if (b.stream.locked) throw new TypeError(`Failed to execute 'clone' on '${what}': ${what} body is locked`);
      const [one, two] = b.stream.tee();
      b.stream = one;
      return { source: null, stream: two, used: false };
    }
    return { source: b.source, stream: null, used: false };
  };

  // ---------------------------------------------------------------- Request
  const METHODS = new Set(['DELETE', 'GET', 'HEAD', 'OPTIONS', 'POST', 'PUT', 'PATCH']);
  const normalizeMethod = (m) => {
    m = String(m);
    if (!internal.isToken(m)) throw new TypeError(`Failed to construct 'Request': '${m}' is not a valid HTTP method.`);
    const upper = m.toUpperCase();
    if (upper === 'CONNECT' || upper === 'TRACE' || upper === 'TRACK') throw new TypeError(`Failed to construct 'Request': '${m}' HTTP method is unsupported.`);
    return METHODS.has(upper) && upper !== 'PATCH' ? upper : m;
  };
  const enumOption = (value, allowed, name, type) => {
    if (value === undefined) return undefined;
    const v = String(value);
    if (!allowed.includes(v)) throw new TypeError(`Failed to construct 'Request': Failed to read the '${name}' property from 'RequestInit': The provided value '${v}' is not a valid enum value of type ${type}.`);
    return v;
  };
  const kReq = Symbol('request');

  class Request {
    constructor(input, init = {}) {
      if (arguments.length === 0) throw new TypeError("Failed to construct 'Request': 1 argument required, but only 0 present.");
      init = init == null ? {} : init;
      let r;
      if (input instanceof Request) {
        const src = fullState(input);
        r = { ...src, headers: null };
        r.headersInit = src.headers;
      } else {
        let url;
        try { url = new URL(String(input)); } catch (e) { throw new TypeError(`Failed to construct 'Request': Failed to parse URL from ${input}`); }
        if (url.username || url.password) throw new TypeError(`Failed to construct 'Request': Request cannot be constructed from a URL that includes credentials: ${input}`);
        r = { method: 'GET', url: url.href, redirect: 'follow', signal: null, mode: 'cors', credentials: 'same-origin', cache: 'default',
          referrer: 'about:client', referrerPolicy: '', integrity: '', keepalive: false, headersInit: null };
      }
      if (init.method !== undefined) r.method = normalizeMethod(init.method);
      r.redirect = enumOption(init.redirect, ['follow', 'error', 'manual'], 'redirect', 'RequestRedirect') || r.redirect;
      r.mode = enumOption(init.mode, ['navigate', 'same-origin', 'no-cors', 'cors'], 'mode', 'RequestMode') || r.mode;
      r.credentials = enumOption(init.credentials, ['omit', 'same-origin', 'include'], 'credentials', 'RequestCredentials') || r.credentials;
      r.cache = enumOption(init.cache, ['default', 'no-store', 'reload', 'no-cache', 'force-cache', 'only-if-cached'], 'cache', 'RequestCache') || r.cache;
      if (init.referrer !== undefined) r.referrer = String(init.referrer) === '' ? '' : 'about:client';
      if (init.referrerPolicy !== undefined) r.referrerPolicy = String(init.referrerPolicy);
      if (init.integrity !== undefined) r.integrity = String(init.integrity);
      if (init.keepalive !== undefined) r.keepalive = !!init.keepalive;
      if (init.signal !== undefined && init.signal !== null && !internal.isSignal(init.signal)) {
        throw new TypeError("Failed to construct 'Request': member signal is not of type AbortSignal.");
      }
      // The request's signal follows the given one (or the input request's): AbortSignal.any keeps it its own object.
      const parentSignal = init.signal !== undefined ? init.signal : input instanceof Request ? input.signal : null;
      r.signal = parentSignal ? AbortSignal.any([parentSignal]) : internal.newSignal();
      const headers = new Headers(init.headers !== undefined ? init.headers : r.headersInit || undefined);
      delete r.headersInit;
      r.headers = headers;
      Object.defineProperty(this, kReq, { value: r });

      const inputBody = input instanceof Request ? input[kBody] : null;
      if (init.body !== undefined && init.body !== null || (inputBody && hasBody(inputBody))) {
        if (r.method === 'GET' || r.method === 'HEAD') throw new TypeError("Failed to construct 'Request': Request with GET/HEAD method cannot have body.");
      }
      let body;
      if (init.body !== undefined && init.body !== null) {
        const extracted = extractBody(init.body);
        if (extracted.type !== null && !headers.has('content-type')) headers.append('content-type', extracted.type);
        body = newBodyState(extracted);
      } else if (inputBody && hasBody(inputBody)) {
        if (bodyUsed(inputBody)) throw new TypeError("Failed to construct 'Request': Cannot construct a Request with a Request object that has already been used.");
        body = { source: inputBody.source, stream: inputBody.stream, used: false };
        // the body moves to the new request: the input counts as used from now on
        inputBody.used = true;
      } else {
        body = newBodyState(null);
      }
      Object.defineProperty(this, kBody, { value: body });
    }
    get method() { return this[kReq].method; }
    get url() { const r = this[kReq]; return r.url !== null ? r.url : lazyUrl(r); }
    get headers() { const r = this[kReq]; return r.headers !== null ? r.headers : lazyHeaders(r); }
    get destination() { return ''; }
    get referrer() { return this[kReq].referrer; }
    get referrerPolicy() { return this[kReq].referrerPolicy; }
    get mode() { return this[kReq].mode; }
    get credentials() { return this[kReq].credentials; }
    get cache() { return this[kReq].cache; }
    get redirect() { return this[kReq].redirect; }
    get integrity() { return this[kReq].integrity; }
    get keepalive() { return this[kReq].keepalive; }
    get isReloadNavigation() { return false; }
    get isHistoryNavigation() { return false; }
    get signal() { const r = this[kReq]; return r.signal !== null ? r.signal : (r.signal = internal.newSignal()); }
    get duplex() { return 'half'; }
    clone() {
      const body = cloneBody(this, 'Request');
      const copy = new Request(this.url, { method: this.method, headers: this.headers, signal: this.signal });
      const { headers, signal, ...fields } = fullState(this);
      Object.assign(copy[kReq], fields);
      copy[kReq].headers[kGuard] = this.headers[kGuard];
      Object.assign(copy[kBody], body);
      return copy;
    }
  }
  mixBody(Request);
  Object.defineProperty(Request.prototype, Symbol.toStringTag, { value: 'Request', configurable: true });
  const RequestPrototype = Request.prototype;

  // The request the engine hands to the app's fetch handler is built lazily: most handlers read a field or two, so
  // its URL is parsed, its Headers filled and its AbortSignal made only when the app first asks for them (ADR 0017).
  // `rawUrl` and `rawHeaders` (names and values joined by NUL, which no valid header contains) wait until then.
  const lazyUrl = (r) => {
    let url;
    try { url = new URL(r.rawUrl); } catch (e) { throw new TypeError(`Failed to construct 'Request': Failed to parse URL from ${r.rawUrl}`); }
    if (url.username || url.password) throw new TypeError(`Failed to construct 'Request': Request cannot be constructed from a URL that includes credentials: ${r.rawUrl}`);
    r.url = url.href;
    r.rawUrl = null;
    return r.url;
  };
  const lazyHeaders = (r) => {
    r.headers = newHeaders(r.rawHeaders === '' ? [] : r.rawHeaders.split('\0'), 'immutable');
    r.rawHeaders = null;
    return r.headers;
  };
  /** The request's state with every lazy field made, for code that copies it whole. */
  const fullState = (req) => {
    const r = req[kReq];
    if (r.url === null) lazyUrl(r);
    if (r.headers === null) lazyHeaders(r);
    if (r.signal === null) r.signal = internal.newSignal();
    return r;
  };

  /** The request the engine hands to the app's fetch handler; the body is a stream pulled from the host. */
  internal.newRequest = (method, url, rawHeaders, body) => {
    const req = ObjectCreate(RequestPrototype);
    ObjectDefineProperty(req, kReq, { value: { method: normalizeMethod(method), url: null, rawUrl: String(url),
      redirect: 'follow', signal: null, mode: 'cors', credentials: 'same-origin', cache: 'default', referrer: 'about:client',
      referrerPolicy: '', integrity: '', keepalive: false, headers: null, rawHeaders: String(rawHeaders) } });
    const state = { source: null, stream: null, used: false };
    if (body !== null && body !== undefined) {
      if (body instanceof ReadableStream) state.stream = body;
      else state.source = body;
    }
    ObjectDefineProperty(req, kBody, { value: state });
    return req;
  };

  // ---------------------------------------------------------------- Response
  const NULL_BODY_STATUS = new Set([101, 103, 204, 205, 304]);
  const REDIRECT_STATUS = new Set([301, 302, 303, 307, 308]);
  const REASON = /^[\t\x20-\x7e\x80-\xff]*$/;
  const kRes = Symbol('response');

  class Response {
    constructor(body = null, init = {}) {
      init = init == null ? {} : init;
      const status = init.status === undefined ? 200 : Number(init.status) | 0;
      if (status < 200 || status > 599) throw new RangeError(`Failed to construct 'Response': The status provided (${init.status}) is outside the range [200, 599].`);
      const statusText = init.statusText === undefined ? '' : String(init.statusText);
      if (!REASON.test(statusText)) throw new TypeError("Failed to construct 'Response': Invalid statusText");
      const headers = new Headers(init.headers);
      const r = { type: 'default', url: '', redirected: false, status, statusText, headers };
      Object.defineProperty(this, kRes, { value: r });
      let state = newBodyState(null);
      if (body !== null && body !== undefined) {
        if (NULL_BODY_STATUS.has(status)) throw new TypeError("Failed to construct 'Response': Response with null body status cannot have body");
        const extracted = extractBody(body);
        if (extracted.type !== null && !headers.has('content-type')) headers.append('content-type', extracted.type);
        state = newBodyState(extracted);
      }
      headers[kGuard] = 'response';
      Object.defineProperty(this, kBody, { value: state });
    }
    get type() { return this[kRes].type; }
    get url() { return this[kRes].url; }
    get redirected() { return this[kRes].redirected; }
    get status() { return this[kRes].status; }
    get ok() { return this[kRes].status >= 200 && this[kRes].status <= 299; }
    get statusText() { return this[kRes].statusText; }
    get headers() { return this[kRes].headers; }
    clone() {
      const body = cloneBody(this, 'Response');
      const copy = new Response(null, { status: this.status === 0 ? 200 : this.status, statusText: this.statusText, headers: this.headers });
      Object.assign(copy[kRes], { type: this.type, url: this.url, redirected: this.redirected, status: this.status });
      copy[kRes].headers[kGuard] = this.headers[kGuard];
      Object.assign(copy[kBody], body);
      return copy;
    }
    static error() {
      const r = new Response(null, { status: 200 });
      Object.assign(r[kRes], { type: 'error', status: 0 });
      r.headers[kGuard] = 'immutable';
      return r;
    }
    static redirect(url, status = 302) {
      let parsed;
      try { parsed = new URL(String(url)); } catch (e) { throw new TypeError(`Failed to execute 'redirect' on 'Response': Failed to parse URL from ${url}`); }
      status = Number(status) | 0;
      if (!REDIRECT_STATUS.has(status)) throw new RangeError(`Failed to execute 'redirect' on 'Response': Invalid status code ${status}`);
      const r = new Response(null, { status, headers: { location: parsed.href } });
      r.headers[kGuard] = 'immutable';
      return r;
    }
    static json(data, init = {}) {
      const text = JSON.stringify(data);
      if (text === undefined) throw new TypeError("Failed to execute 'json' on 'Response': The data is not JSON serializable");
      init = init == null ? {} : init;
      const headers = new Headers(init.headers);
      if (!headers.has('content-type')) headers.set('content-type', 'application/json');
      return new Response(text, { status: init.status, statusText: init.statusText, headers });
    }
  }
  mixBody(Response);
  Object.defineProperty(Response.prototype, Symbol.toStringTag, { value: 'Response', configurable: true });

  /**
   * What the engine needs from the handler's Response, in one array so that Java reads it with few boundary
   * crossings: [status, header names and values joined by NUL, an ArrayBuffer of the known bytes or null, a reader of
   * the stream or null]. Null for anything that is not a Response.
   */
  internal.responseHead = (response) => {
    if (!(response instanceof Response)) return null;
    const b = response[kBody];
    const status = response.status, headers = internal.joinedHeaders(response.headers);
    if (bodyUsed(b)) throw new TypeError('The handler returned a Response whose body was already read');
    let bytes = null, reader = null;
    if (b.stream !== null) reader = b.stream.getReader();
    else if (b.source !== null) {
      const s = b.source;
      bytes = s.byteOffset === 0 && s.byteLength === s.buffer.byteLength ? s.buffer : s.slice().buffer;
      b.used = true;
    }
    return [status, headers, bytes, reader];
  };

  // ---------------------------------------------------------------- fetch
  function fetch(input, init = undefined) {
    return new Promise((resolve, reject) => {
      const request = new Request(input, init);
      const signal = request.signal;
      if (signal.aborted) { reject(signal.reason); return; }
      const scheme = request.url.slice(0, request.url.indexOf(':'));
      if (scheme !== 'http' && scheme !== 'https') {
        reject(new TypeError(`fetch failed: scheme "${scheme}" is not supported (only http and https)`));
        return;
      }
      let settled = false;
      const unsubscribe = internal.onAbort(signal, (reason) => {
        if (!settled) { settled = true; reject(reason); }
      });
      const fail = (e) => { if (!settled) { settled = true; unsubscribe(); reject(e); } };
      const b = request[kBody];
      const bodyPromise = hasBody(b) ? consume(request, 'fetch') : Promise.resolve(new Uint8Array(0));
      bodyPromise.then((bodyBytes) => {
        if (settled) return;
        host.fetch(request.method, request.url, internal.flatHeaders(request.headers), bodyBytes, request.redirect,
          (status, statusText, url, redirected, flatHeaders, encodedBody) => {
            if (settled) return;
            settled = true;
            unsubscribe();
            const headers = newHeaders(Array.from(flatHeaders), 'immutable');
            const res = new Response(null, { status: 200 });
            Object.assign(res[kRes], { type: 'basic', url, redirected, status, statusText, headers });
            if (!NULL_BODY_STATUS.has(status) && request.method !== 'HEAD') res[kBody].source = internal.fromHost(encodedBody);
            resolve(res);
          },
          (message) => fail(new TypeError(String(message))));
      }, fail);
    });
  }

  internal.define('Request', Request);
  internal.define('Response', Response);
  internal.define('fetch', fetch);
});
