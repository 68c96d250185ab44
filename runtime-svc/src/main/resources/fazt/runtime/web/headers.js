// Headers (Fetch Standard): validated names and values, case-insensitive, ordered, sorted-and-combined iteration,
// getSetCookie, and the guards that make some header lists immutable.
(function (host, internal) {
  'use strict';
  const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
  const trimHttp = (v) => v.replace(/^[\t\n\r ]+|[\t\n\r ]+$/g, '');
  const kList = Symbol('headerList'), kGuard = Symbol('guard');

  const checkName = (name, what) => {
    if (!TOKEN.test(name)) throw new TypeError(`Headers.${what}: "${name}" is an invalid header name.`);
  };
  const normalizeValue = (value, name, what) => {
    const v = trimHttp(String(value));
    if (/[\0\r\n]/.test(v)) throw new TypeError(`Headers.${what}: "${v}" is an invalid header value for the "${name}" header.`);
    return v;
  };
  const checkGuard = (h) => { if (h[kGuard] === 'immutable') throw new TypeError('Headers are immutable'); };

  class Headers {
    constructor(init = undefined) {
      Object.defineProperty(this, kList, { value: [], writable: true });
      Object.defineProperty(this, kGuard, { value: 'none', writable: true });
      if (init === undefined || init === null) {
        if (init === null) throw new TypeError("Failed to construct 'Headers': The provided value is not of type '(record<ByteString, ByteString> or sequence<sequence<ByteString>>)'.");
        return;
      }
      fillHeaders(this, init);
    }
    append(name, value) {
      name = String(name); checkName(name, 'append');
      value = normalizeValue(value, name, 'append');
      checkGuard(this);
      this[kList].push([name.toLowerCase(), value]);
    }
    delete(name) {
      name = String(name); checkName(name, 'delete');
      checkGuard(this);
      const lower = name.toLowerCase();
      this[kList] = this[kList].filter(([n]) => n !== lower);
    }
    get(name) {
      name = String(name); checkName(name, 'get');
      const lower = name.toLowerCase();
      const values = this[kList].filter(([n]) => n === lower).map(([, v]) => v);
      return values.length ? values.join(', ') : null;
    }
    getSetCookie() { return this[kList].filter(([n]) => n === 'set-cookie').map(([, v]) => v); }
    has(name) {
      name = String(name); checkName(name, 'has');
      const lower = name.toLowerCase();
      return this[kList].some(([n]) => n === lower);
    }
    set(name, value) {
      name = String(name); checkName(name, 'set');
      value = normalizeValue(value, name, 'set');
      checkGuard(this);
      const lower = name.toLowerCase();
      const i = this[kList].findIndex(([n]) => n === lower);
      if (i < 0) { this[kList].push([lower, value]); return; }
      this[kList][i] = [lower, value];
      this[kList] = this[kList].filter(([n], j) => j <= i || n !== lower);
    }
    forEach(callback, thisArg = undefined) {
      if (typeof callback !== 'function') throw new TypeError("Failed to execute 'forEach' on 'Headers': parameter 1 is not of type 'Function'.");
      for (const [n, v] of sortedAndCombined(this)) callback.call(thisArg, v, n, this);
    }
    *entries() { yield* sortedAndCombined(this); }
    *keys() { for (const [n] of sortedAndCombined(this)) yield n; }
    *values() { for (const [, v] of sortedAndCombined(this)) yield v; }
    [Symbol.iterator]() { return this.entries(); }
  }
  Object.defineProperty(Headers.prototype, Symbol.toStringTag, { value: 'Headers', configurable: true });

  // "sort and combine": names sorted, values joined with ", ", except set-cookie which stays one entry per value.
  const sortedAndCombined = (h) => {
    const names = [...new Set(h[kList].map(([n]) => n))].sort();
    const out = [];
    for (const n of names) {
      if (n === 'set-cookie') for (const v of h.getSetCookie()) out.push([n, v]);
      else out.push([n, h.get(n)]);
    }
    return out;
  };
  const fillHeaders = (h, init) => {
    if (init instanceof Headers) { for (const [n, v] of init[kList]) h.append(n, v); return; }
    if (typeof init !== 'object' && typeof init !== 'function') {
      throw new TypeError("Failed to construct 'Headers': The provided value is not of type '(record<ByteString, ByteString> or sequence<sequence<ByteString>>)'.");
    }
    if (typeof init[Symbol.iterator] === 'function') {
      for (const pair of init) {
        const p = typeof pair === 'string' ? null : Array.from(pair);
        if (!p || p.length !== 2) throw new TypeError("Failed to construct 'Headers': Invalid value");
        h.append(p[0], p[1]);
      }
      return;
    }
    for (const key of Reflect.ownKeys(init)) {
      const desc = Reflect.getOwnPropertyDescriptor(init, key);
      if (desc && desc.enumerable) {
        if (typeof key === 'symbol') throw new TypeError("Failed to construct 'Headers': Invalid header name");
        h.append(key, init[key]);
      }
    }
  };
  // Headers from the platform (the incoming request, a fetched response): a line the Fetch Standard would reject
  // is dropped rather than failing the whole request.
  const newHeaders = (flat, guard) => {
    const h = new Headers();
    for (let i = 0; i < flat.length; i += 2) {
      try { h.append(flat[i], flat[i + 1]); } catch (e) { /* invalid name or value: skipped */ }
    }
    h[kGuard] = guard;
    return h;
  };
  internal.newHeaders = newHeaders;
  internal.flatHeaders = (h) => { const out = []; for (const [n, v] of h[kList]) out.push(n, v); return out; };
  // Names and values joined by NUL, which append and set never let into a header list.
  internal.joinedHeaders = (h) => {
    const list = h[kList];
    let out = '';
    for (let i = 0; i < list.length; i++) out += (i === 0 ? '' : '\0') + list[i][0] + '\0' + list[i][1];
    return out;
  };

  internal.headerGuard = kGuard;
  internal.isToken = (s) => TOKEN.test(s);
  internal.define('Headers', Headers);
});
