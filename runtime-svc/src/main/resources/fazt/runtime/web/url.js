// URL Standard, part 3: URL and URLSearchParams, and the application/x-www-form-urlencoded parser and serializer.
(function (host, internal) {
  'use strict';
  const { isSpecialScheme, USERINFO, URLENCODED, encodeString, percentDecode, FAILURE, basicParse, serializePath,
    serializeUrl, serializeOrigin } = internal.url;

  // ---- application/x-www-form-urlencoded
  const parseUrlencoded = (input) => {
    const out = [];
    for (const seq of String(input).split('&')) {
      if (seq === '') continue;
      const i = seq.indexOf('=');
      const name = i >= 0 ? seq.slice(0, i) : seq, value = i >= 0 ? seq.slice(i + 1) : '';
      const decode = (s) => internal.utf8Decode(percentDecode(s.replace(/\+/g, ' ')));
      out.push([decode(name), decode(value)]);
    }
    return out;
  };
  const serializeUrlencoded = (list) => list.map(([n, v]) => encodeString(n, URLENCODED, true) + '=' + encodeString(v, URLENCODED, true)).join('&');
  internal.parseUrlencoded = parseUrlencoded;
  const toUSV = (v) => String(v).replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');

  const kUrl = Symbol('url'), kList = Symbol('list'), kOwner = Symbol('owner');

  class URLSearchParams {
    constructor(init = '') {
      Object.defineProperty(this, kList, { value: [], writable: true });
      Object.defineProperty(this, kOwner, { value: null, writable: true });
      if (init instanceof URLSearchParams) { this[kList] = init[kList].map((p) => p.slice()); return; }
      if (init !== null && (typeof init === 'object' || typeof init === 'function')) {
        if (typeof init[Symbol.iterator] === 'function') {
          for (const pair of init) {
            const p = typeof pair === 'string' ? null : Array.from(pair);
            if (!p || p.length !== 2) throw new TypeError("Failed to construct 'URLSearchParams': The provided value cannot be converted to a sequence.");
            this[kList].push([toUSV(p[0]), toUSV(p[1])]);
          }
        } else {
          for (const key of Object.keys(init)) this[kList].push([toUSV(key), toUSV(init[key])]);
        }
        return;
      }
      let s = toUSV(init);
      if (s.startsWith('?')) s = s.slice(1);
      this[kList] = parseUrlencoded(s);
    }
    get size() { return this[kList].length; }
    append(name, value) { this[kList].push([toUSV(name), toUSV(value)]); update(this); }
    delete(name, value = undefined) {
      name = toUSV(name);
      const v = value === undefined ? undefined : toUSV(value);
      this[kList] = this[kList].filter(([n, x]) => !(n === name && (v === undefined || x === v)));
      update(this);
    }
    get(name) { name = toUSV(name); const p = this[kList].find(([n]) => n === name); return p ? p[1] : null; }
    getAll(name) { name = toUSV(name); return this[kList].filter(([n]) => n === name).map(([, v]) => v); }
    has(name, value = undefined) {
      name = toUSV(name);
      const v = value === undefined ? undefined : toUSV(value);
      return this[kList].some(([n, x]) => n === name && (v === undefined || x === v));
    }
    set(name, value) {
      name = toUSV(name); value = toUSV(value);
      const i = this[kList].findIndex(([n]) => n === name);
      if (i < 0) this[kList].push([name, value]);
      else { this[kList][i] = [name, value]; this[kList] = this[kList].filter(([n], j) => j <= i || n !== name); }
      update(this);
    }
    sort() {
      // stable sort by UTF-16 code units of the names
      this[kList] = this[kList].map((p, i) => [p, i]).sort((a, b) => (a[0][0] < b[0][0] ? -1 : a[0][0] > b[0][0] ? 1 : a[1] - b[1])).map(([p]) => p);
      update(this);
    }
    forEach(callback, thisArg = undefined) {
      if (typeof callback !== 'function') throw new TypeError("Failed to execute 'forEach' on 'URLSearchParams': parameter 1 is not of type 'Function'.");
      for (let i = 0; i < this[kList].length; i++) callback.call(thisArg, this[kList][i][1], this[kList][i][0], this);
    }
    *entries() { for (let i = 0; i < this[kList].length; i++) yield this[kList][i].slice(); }
    *keys() { for (const [n] of this.entries()) yield n; }
    *values() { for (const [, v] of this.entries()) yield v; }
    [Symbol.iterator]() { return this.entries(); }
    toString() { return serializeUrlencoded(this[kList]); }
  }
  Object.defineProperty(URLSearchParams.prototype, Symbol.toStringTag, { value: 'URLSearchParams', configurable: true });
  const update = (params) => {
    const owner = params[kOwner];
    if (!owner) return;
    const s = serializeUrlencoded(params[kList]);
    owner[kUrl].query = s === '' ? null : s;
    if (s === '') stripTrailingSpacesFromOpaquePath(owner[kUrl]);
  };
  const stripTrailingSpacesFromOpaquePath = (url) => {
    if (!url.opaque || url.fragment !== null || url.query !== null) return;
    url.path = url.path.replace(/ +$/, '');
  };

  const parseOrThrow = (url, base) => {
    let baseRecord = null;
    if (base !== undefined) {
      baseRecord = basicParse(String(base), null);
      if (baseRecord === FAILURE) throw new TypeError(`Failed to construct 'URL': Invalid base URL: ${base}`);
    }
    const record = basicParse(String(url), baseRecord);
    if (record === FAILURE) throw new TypeError(`Failed to construct 'URL': Invalid URL: ${url}`);
    return record;
  };

  class URL {
    constructor(url, base = undefined) {
      if (arguments.length === 0) throw new TypeError("Failed to construct 'URL': 1 argument required, but only 0 present.");
      Object.defineProperty(this, kUrl, { value: parseOrThrow(toUSV(url), base === undefined ? undefined : toUSV(base)), writable: true });
      const params = new URLSearchParams(this[kUrl].query || '');
      params[kOwner] = this;
      Object.defineProperty(this, kList, { value: params });
    }
    static canParse(url, base = undefined) {
      try { parseOrThrow(toUSV(url), base === undefined ? undefined : toUSV(base)); return true; } catch (e) { return false; }
    }
    static parse(url, base = undefined) {
      try { return new URL(url, base); } catch (e) { return null; }
    }
    get href() { return serializeUrl(this[kUrl]); }
    set href(v) {
      const r = basicParse(toUSV(v), null);
      if (r === FAILURE) throw new TypeError(`Failed to set the 'href' property on 'URL': Invalid URL '${v}'`);
      this[kUrl] = r;
      this[kList][kList] = parseUrlencoded(r.query || '');
    }
    get origin() { return serializeOrigin(this[kUrl]); }
    get protocol() { return this[kUrl].scheme + ':'; }
    set protocol(v) { basicParse(toUSV(v) + ':', null, this[kUrl], 'scheme start'); }
    get username() { return this[kUrl].username; }
    set username(v) {
      const u = this[kUrl];
      if (u.host === null || u.host === '' || u.scheme === 'file') return;
      u.username = encodeString(toUSV(v), USERINFO);
    }
    get password() { return this[kUrl].password; }
    set password(v) {
      const u = this[kUrl];
      if (u.host === null || u.host === '' || u.scheme === 'file') return;
      u.password = encodeString(toUSV(v), USERINFO);
    }
    get host() {
      const u = this[kUrl];
      if (u.host === null) return '';
      return u.port === null ? u.host : u.host + ':' + u.port;
    }
    set host(v) { if (!this[kUrl].opaque) setWithOverride(this, v, 'host'); }
    get hostname() { return this[kUrl].host === null ? '' : this[kUrl].host; }
    set hostname(v) { if (!this[kUrl].opaque) setWithOverride(this, v, 'hostname'); }
    get port() { return this[kUrl].port === null ? '' : String(this[kUrl].port); }
    set port(v) {
      const u = this[kUrl];
      if (u.host === null || u.host === '' || u.scheme === 'file') return;
      v = toUSV(v);
      if (v === '') u.port = null; else setWithOverride(this, v, 'port');
    }
    get pathname() { return serializePath(this[kUrl]); }
    set pathname(v) {
      const u = this[kUrl];
      if (u.opaque) return;
      const saved = u.path;
      u.path = [];
      if (basicParse(toUSV(v), null, u, 'path start') === FAILURE) u.path = saved;
    }
    get search() { const q = this[kUrl].query; return q === null || q === '' ? '' : '?' + q; }
    set search(v) {
      const u = this[kUrl];
      v = toUSV(v);
      if (v === '') { u.query = null; this[kList][kList] = []; stripTrailingSpacesFromOpaquePath(u); return; }
      if (v.startsWith('?')) v = v.slice(1);
      u.query = '';
      basicParse(v, null, u, 'query');
      this[kList][kList] = parseUrlencoded(v);
    }
    get searchParams() { return this[kList]; }
    get hash() { const f = this[kUrl].fragment; return f === null || f === '' ? '' : '#' + f; }
    set hash(v) {
      const u = this[kUrl];
      v = toUSV(v);
      if (v === '') { u.fragment = null; stripTrailingSpacesFromOpaquePath(u); return; }
      if (v.startsWith('#')) v = v.slice(1);
      u.fragment = '';
      basicParse(v, null, u, 'fragment');
    }
    toString() { return this.href; }
    toJSON() { return this.href; }
  }
  const setWithOverride = (url, v, state) => {
    // parse into a copy so that a failure leaves the URL unchanged
    const copy = { ...url[kUrl], path: Array.isArray(url[kUrl].path) ? url[kUrl].path.slice() : url[kUrl].path };
    const r = basicParse(toUSV(v), null, copy, state);
    if (r !== FAILURE) url[kUrl] = copy;
  };
  Object.defineProperty(URL.prototype, Symbol.toStringTag, { value: 'URL', configurable: true });
  for (const name of ['href', 'origin', 'protocol', 'username', 'password', 'host', 'hostname', 'port', 'pathname', 'search', 'searchParams', 'hash']) {
    Object.defineProperty(URL.prototype, name, { ...Object.getOwnPropertyDescriptor(URL.prototype, name), enumerable: true });
  }
  internal.define('URL', URL);
  internal.define('URLSearchParams', URLSearchParams);
});
