// FormData (XMLHttpRequest Standard) and its multipart/form-data serialization (HTML) and parsing (RFC 7578).
(function (host, internal) {
  'use strict';
  // captured now: app code replacing these globals later must not change how the platform behaves
  const { Blob, File } = globalThis;
  const kEntries = Symbol('entries');
  const toUSV = (v) => String(v).replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
  const makeEntry = (name, value, filename, what) => {
    name = toUSV(name);
    if (value instanceof Blob) {
      if (!(value instanceof File) || filename !== undefined) {
        const fname = filename !== undefined ? toUSV(filename) : value instanceof File ? value.name : 'blob';
        value = internal.newFile(internal.blobBytes(value), fname, value.type, value instanceof File ? value.lastModified : undefined);
      }
      return [name, value];
    }
    if (filename !== undefined) throw new TypeError(`Failed to execute '${what}' on 'FormData': parameter 2 is not of type 'Blob'.`);
    return [name, toUSV(value)];
  };

  class FormData {
    constructor(form = undefined) {
      if (form !== undefined) throw new TypeError("Failed to construct 'FormData': parameter 1 is not of type 'HTMLFormElement'.");
      Object.defineProperty(this, kEntries, { value: [], writable: true });
    }
    append(name, value, filename = undefined) {
      if (arguments.length < 2) throw new TypeError(`Failed to execute 'append' on 'FormData': 2 arguments required, but only ${arguments.length} present.`);
      this[kEntries].push(makeEntry(name, value, arguments.length > 2 ? filename : undefined, 'append'));
    }
    delete(name) { name = toUSV(name); this[kEntries] = this[kEntries].filter(([n]) => n !== name); }
    get(name) { name = toUSV(name); const e = this[kEntries].find(([n]) => n === name); return e ? e[1] : null; }
    getAll(name) { name = toUSV(name); return this[kEntries].filter(([n]) => n === name).map(([, v]) => v); }
    has(name) { name = toUSV(name); return this[kEntries].some(([n]) => n === name); }
    set(name, value, filename = undefined) {
      if (arguments.length < 2) throw new TypeError(`Failed to execute 'set' on 'FormData': 2 arguments required, but only ${arguments.length} present.`);
      const entry = makeEntry(name, value, arguments.length > 2 ? filename : undefined, 'set');
      const i = this[kEntries].findIndex(([n]) => n === entry[0]);
      if (i < 0) this[kEntries].push(entry);
      else { this[kEntries][i] = entry; this[kEntries] = this[kEntries].filter(([n], j) => j <= i || n !== entry[0]); }
    }
    forEach(callback, thisArg = undefined) {
      if (typeof callback !== 'function') throw new TypeError("Failed to execute 'forEach' on 'FormData': parameter 1 is not of type 'Function'.");
      for (let i = 0; i < this[kEntries].length; i++) callback.call(thisArg, this[kEntries][i][1], this[kEntries][i][0], this);
    }
    *entries() { for (let i = 0; i < this[kEntries].length; i++) yield this[kEntries][i].slice(); }
    *keys() { for (const [n] of this.entries()) yield n; }
    *values() { for (const [, v] of this.entries()) yield v; }
    [Symbol.iterator]() { return this.entries(); }
  }
  Object.defineProperty(FormData.prototype, Symbol.toStringTag, { value: 'FormData', configurable: true });

  const escapeName = (s) => s.replace(/\n/g, '%0A').replace(/\r/g, '%0D').replace(/"/g, '%22');
  const CRLF = (s) => s.replace(/\r(?!\n)|(?<!\r)\n/g, '\r\n');
  internal.serializeMultipart = (fd) => {
    const random = internal.fromLatin1(host.randomBytes(12));
    const boundary = '----formdata-fazt-' + Array.from(random, (b) => b.toString(16).padStart(2, '0')).join('');
    const enc = internal.utf8Encode;
    const chunks = [];
    for (const [name, value] of fd[kEntries]) {
      let head = `--${boundary}\r\nContent-Disposition: form-data; name="${escapeName(CRLF(name))}"`;
      if (typeof value === 'string') {
        chunks.push(enc(head + '\r\n\r\n' + CRLF(value) + '\r\n'));
      } else {
        head += `; filename="${escapeName(value.name)}"\r\nContent-Type: ${value.type || 'application/octet-stream'}\r\n\r\n`;
        chunks.push(enc(head), internal.blobBytes(value), enc('\r\n'));
      }
    }
    chunks.push(enc(`--${boundary}--\r\n`));
    return { bytes: internal.concat(chunks), boundary };
  };

  const indexOf = (bytes, pattern, from) => {
    const first = pattern[0], n = pattern.length, last = bytes.length - n;
    outer: for (let i = from; i <= last; i++) {
      if (bytes[i] !== first) continue;
      for (let j = 1; j < n; j++) if (bytes[i + j] !== pattern[j]) continue outer;
      return i;
    }
    return -1;
  };
  const parseError = () => new TypeError("Failed to execute 'formData': Failed to parse body as FormData.");
  const boundaryOf = (contentType) => {
    const m = /;\s*boundary\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;\s]+))/i.exec(contentType || '');
    if (!m) return null;
    const b = m[1] !== undefined ? m[1].replace(/\\(.)/g, '$1') : m[2];
    return b.length >= 1 && b.length <= 70 ? b : null;
  };
  const paramOf = (header, name) => {
    const re = new RegExp(`;\\s*${name}\\s*=\\s*(?:"((?:[^"\\\\]|\\\\.)*)"|([^;]*))`, 'i');
    const m = re.exec(header);
    if (!m) return null;
    const v = m[1] !== undefined ? m[1].replace(/\\(["\\])/g, '$1') : m[2].trim();
    return v.replace(/%22/g, '"').replace(/%0D/gi, '\r').replace(/%0A/gi, '\n');
  };
  const extParamOf = (header, name) => {
    // RFC 5987 ext-value: charset'lang'percent-encoded
    const m = new RegExp(`;\\s*${name}\\*\\s*=\\s*([^';]*)'[^']*'([^;\\s]*)`, 'i').exec(header);
    if (!m) return null;
    try { return decodeURIComponent(m[2]); } catch (e) { return null; }
  };

  internal.parseMultipart = (bytes, contentType) => {
    const boundary = boundaryOf(contentType);
    if (boundary === null) throw parseError();
    const enc = internal.utf8Encode;
    const delimiter = enc('--' + boundary);
    const fd = new FormData();
    let pos = indexOf(bytes, delimiter, 0);
    if (pos < 0) throw parseError();
    const nextDelimiter = enc('\r\n--' + boundary);
    const headerEnd = enc('\r\n\r\n');
    for (;;) {
      pos += delimiter.length;
      if (bytes[pos] === 0x2d && bytes[pos + 1] === 0x2d) return fd; // closing delimiter
      while (bytes[pos] === 0x20 || bytes[pos] === 0x09) pos++; // transport padding
      if (bytes[pos] !== 0x0d || bytes[pos + 1] !== 0x0a) throw parseError();
      pos += 2;
      const hEnd = indexOf(bytes, headerEnd, pos);
      if (hEnd < 0) throw parseError();
      const headerText = internal.utf8Decode(bytes.subarray(pos, hEnd));
      const bodyStart = hEnd + 4;
      const bodyEnd = indexOf(bytes, nextDelimiter, bodyStart);
      if (bodyEnd < 0) throw parseError();
      let disposition = null, type = null;
      for (const line of headerText.split('\r\n')) {
        const i = line.indexOf(':');
        if (i < 0) continue;
        const hn = line.slice(0, i).trim().toLowerCase(), hv = line.slice(i + 1).trim();
        if (hn === 'content-disposition') disposition = hv;
        else if (hn === 'content-type') type = hv;
      }
      if (disposition === null || !/^form-data\b/i.test(disposition)) throw parseError();
      const name = paramOf(disposition, 'name');
      if (name === null) throw parseError();
      const filename = extParamOf(disposition, 'filename') ?? paramOf(disposition, 'filename');
      const body = bytes.slice(bodyStart, bodyEnd);
      if (filename !== null) fd.append(name, internal.newFile(body, filename, type || 'text/plain'));
      else fd.append(name, internal.utf8Decode(body));
      pos = bodyEnd + 2;
    }
  };
  internal.define('FormData', FormData);
});
