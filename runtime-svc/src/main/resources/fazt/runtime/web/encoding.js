// TextEncoder/TextDecoder (Encoding Standard: utf-8, utf-16le/be, windows-1252), atob/btoa (forgiving base64).
(function (host, internal) {
  'use strict';
  // captured now: app code replacing these globals later must not change how the platform behaves
  const { DOMException } = globalThis;
  const CHUNK = 8192;
  const fromCodes = (codes, n = codes.length) => {
    let s = '';
    for (let i = 0; i < n; i += CHUNK) s += String.fromCharCode.apply(null, codes.subarray ? codes.subarray(i, Math.min(n, i + CHUNK)) : codes.slice(i, Math.min(n, i + CHUNK)));
    return s;
  };

  internal.fromLatin1 = (s) => {
    const n = s.length, out = new Uint8Array(n);
    for (let i = 0; i < n; i++) out[i] = s.charCodeAt(i);
    return out;
  };
  // Bytes from Java arrive as base64 when the engine has the native Uint8Array.fromBase64 (far faster than a JS
  // loop, above all without a JIT), else as a Latin-1 string; WebBridge reads nativeBase64 to pick the form.
  const nativeFromBase64 = typeof Uint8Array.fromBase64 === 'function' ? Uint8Array.fromBase64 : null;
  internal.nativeBase64 = nativeFromBase64 !== null;
  internal.fromHost = nativeFromBase64 !== null ? (s) => nativeFromBase64(s) : internal.fromLatin1;
  internal.toLatin1 = (bytes) => fromCodes(bytes);

  const utf8Encode = (input) => {
    const s = String(input), n = s.length;
    let out = new Uint8Array(n * 3 > 64 ? n + 16 : n * 3), o = 0;
    for (let i = 0; i < n; i++) {
      let c = s.charCodeAt(i);
      if (o + 4 > out.length) { const bigger = new Uint8Array(Math.max(out.length * 2, o + 4 + (n - i) * 3 / 2 | 0)); bigger.set(out.subarray(0, o)); out = bigger; }
      if (c < 0x80) { out[o++] = c; continue; }
      if (c < 0x800) { out[o++] = 0xc0 | (c >> 6); out[o++] = 0x80 | (c & 63); continue; }
      if (c >= 0xd800 && c <= 0xdfff) {
        const d = i + 1 < n ? s.charCodeAt(i + 1) : 0;
        if (c <= 0xdbff && d >= 0xdc00 && d <= 0xdfff) {
          i++;
          c = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
          out[o++] = 0xf0 | (c >> 18); out[o++] = 0x80 | ((c >> 12) & 63);
          out[o++] = 0x80 | ((c >> 6) & 63); out[o++] = 0x80 | (c & 63);
          continue;
        }
        c = 0xfffd; // lone surrogate: USVString conversion
      }
      out[o++] = 0xe0 | (c >> 12); out[o++] = 0x80 | ((c >> 6) & 63); out[o++] = 0x80 | (c & 63);
    }
    return out.length === o ? out : out.slice(0, o);
  };
  // With the native base64 unpacker, long strings encode in Java and cross as base64: a JS loop only without it.
  const HOST_ENCODE_MIN = 1024;
  internal.utf8Encode = internal.nativeBase64
    ? (input) => { const s = String(input); return s.length >= HOST_ENCODE_MIN ? internal.fromHost(host.utf8EncodeBase64(s)) : utf8Encode(s); }
    : utf8Encode;

  const toBytes = (input, what) => {
    if (input instanceof Uint8Array) return input;
    if (input instanceof ArrayBuffer || (typeof SharedArrayBuffer !== 'undefined' && input instanceof SharedArrayBuffer)) return new Uint8Array(input);
    if (ArrayBuffer.isView(input)) return new Uint8Array(input.buffer, input.byteOffset, input.byteLength);
    throw new TypeError(`${what}: The provided value is not of type '(ArrayBuffer or ArrayBufferView)'`);
  };
  internal.toBytes = toBytes;

  class TextEncoder {
    get encoding() { return 'utf-8'; }
    encode(input = '') { return internal.utf8Encode(input); }
    encodeInto(source, destination) {
      if (!(destination instanceof Uint8Array)) throw new TypeError("Failed to execute 'encodeInto' on 'TextEncoder': parameter 2 is not of type 'Uint8Array'.");
      const s = String(source);
      let read = 0, written = 0;
      for (let i = 0; i < s.length;) {
        const cp = s.codePointAt(i);
        const units = cp > 0xffff ? 2 : 1;
        const c = cp >= 0xd800 && cp <= 0xdfff ? 0xfffd : cp;
        const size = c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
        if (written + size > destination.length) break;
        if (size === 1) destination[written] = c;
        else if (size === 2) { destination[written] = 0xc0 | (c >> 6); destination[written + 1] = 0x80 | (c & 63); }
        else if (size === 3) { destination[written] = 0xe0 | (c >> 12); destination[written + 1] = 0x80 | ((c >> 6) & 63); destination[written + 2] = 0x80 | (c & 63); }
        else { destination[written] = 0xf0 | (c >> 18); destination[written + 1] = 0x80 | ((c >> 12) & 63); destination[written + 2] = 0x80 | ((c >> 6) & 63); destination[written + 3] = 0x80 | (c & 63); }
        written += size; read += units; i += units;
      }
      return { read, written };
    }
  }
  Object.defineProperty(TextEncoder.prototype, Symbol.toStringTag, { value: 'TextEncoder', configurable: true });

  const LABELS = {
    'utf-8': ['unicode-1-1-utf-8', 'unicode11utf8', 'unicode20utf8', 'utf-8', 'utf8', 'x-unicode20utf8'],
    'utf-16le': ['csunicode', 'iso-10646-ucs-2', 'ucs-2', 'unicode', 'unicodefeff', 'utf-16', 'utf-16le'],
    'utf-16be': ['unicodefffe', 'utf-16be'],
    'windows-1252': ['ansi_x3.4-1968', 'ascii', 'cp1252', 'cp819', 'csisolatin1', 'ibm819', 'iso-8859-1', 'iso-ir-100',
      'iso8859-1', 'iso88591', 'iso_8859-1', 'iso_8859-1:1987', 'l1', 'latin1', 'us-ascii', 'windows-1252', 'x-cp1252'],
  };
  const ENCODINGS = new Map();
  for (const [name, labels] of Object.entries(LABELS)) for (const l of labels) ENCODINGS.set(l, name);
  const W1252 = [0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d,
    0x17d, 0x8f, 0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178];

  // The UTF-8 decoder of the Encoding Standard, with its streaming state kept between calls.
  const utf8Decoder = () => {
    let needed = 0, seen = 0, cp = 0, lower = 0x80, upper = 0xbf;
    return (bytes, flush, fatal) => {
      const out = new Uint16Array(bytes.length + 4);
      let o = 0;
      const error = () => {
        if (fatal) throw new TypeError('The encoded data was not valid for encoding utf-8');
        out[o++] = 0xfffd;
      };
      const push = (c) => {
        if (c > 0xffff) { c -= 0x10000; out[o++] = 0xd800 + (c >> 10); out[o++] = 0xdc00 + (c & 0x3ff); } else out[o++] = c;
      };
      for (let i = 0; i < bytes.length; i++) {
        const b = bytes[i];
        if (needed === 0) {
          if (b <= 0x7f) { out[o++] = b; continue; }
          if (b >= 0xc2 && b <= 0xdf) { needed = 1; cp = b & 0x1f; }
          else if (b >= 0xe0 && b <= 0xef) { if (b === 0xe0) lower = 0xa0; if (b === 0xed) upper = 0x9f; needed = 2; cp = b & 0xf; }
          else if (b >= 0xf0 && b <= 0xf4) { if (b === 0xf0) lower = 0x90; if (b === 0xf4) upper = 0x8f; needed = 3; cp = b & 0x7; }
          else error();
          continue;
        }
        if (b < lower || b > upper) {
          cp = needed = seen = 0; lower = 0x80; upper = 0xbf;
          error();
          i--; // reprocess this byte
          continue;
        }
        lower = 0x80; upper = 0xbf;
        cp = (cp << 6) | (b & 0x3f);
        if (++seen === needed) { push(cp); cp = needed = seen = 0; }
      }
      if (flush && needed !== 0) { cp = needed = seen = 0; error(); }
      return fromCodes(out, o);
    };
  };
  const utf16Decoder = (bigEndian) => {
    let pending = [];
    return (bytes, flush, fatal) => {
      const all = pending.length ? Uint8Array.from([...pending, ...bytes]) : bytes;
      const n = all.length - (all.length % 2);
      const codes = new Uint16Array(n / 2);
      for (let i = 0, j = 0; i < n; i += 2, j++) codes[j] = bigEndian ? (all[i] << 8) | all[i + 1] : all[i] | (all[i + 1] << 8);
      pending = Array.from(all.subarray(n));
      let s = fromCodes(codes);
      // lone surrogates become U+FFFD (or an error when fatal)
      if (/[\ud800-\udfff]/.test(s)) {
        s = s.replace(/[\ud800-\udbff][\udc00-\udfff]|[\ud800-\udfff]/g, (m) => {
          if (m.length === 2) return m;
          if (fatal) throw new TypeError(`The encoded data was not valid for encoding utf-16${bigEndian ? 'be' : 'le'}`);
          return '\ufffd';
        });
      }
      if (flush && pending.length) {
        pending = [];
        if (fatal) throw new TypeError(`The encoded data was not valid for encoding utf-16${bigEndian ? 'be' : 'le'}`);
        s += '\ufffd';
      }
      return s;
    };
  };
  const singleByteDecoder = () => (bytes) => {
    const codes = new Uint16Array(bytes.length);
    for (let i = 0; i < bytes.length; i++) { const b = bytes[i]; codes[i] = b >= 0x80 && b <= 0x9f ? W1252[b - 0x80] : b; }
    return fromCodes(codes);
  };
  const newDecoder = (encoding) =>
    encoding === 'utf-8' ? utf8Decoder() : encoding === 'utf-16le' ? utf16Decoder(false)
      : encoding === 'utf-16be' ? utf16Decoder(true) : singleByteDecoder();

  class TextDecoder {
    #encoding; #fatal; #ignoreBOM; #decoder = null; #bomSeen = false;
    constructor(label = 'utf-8', options = {}) {
      const key = String(label).trim().toLowerCase();
      const encoding = ENCODINGS.get(key);
      if (!encoding) throw new RangeError(`Failed to construct 'TextDecoder': The encoding label provided ('${label}') is invalid.`);
      this.#encoding = encoding;
      options = options == null ? {} : options;
      this.#fatal = !!options.fatal;
      this.#ignoreBOM = !!options.ignoreBOM;
    }
    get encoding() { return this.#encoding; }
    get fatal() { return this.#fatal; }
    get ignoreBOM() { return this.#ignoreBOM; }
    decode(input, options = {}) {
      const bytes = input === undefined ? new Uint8Array(0) : toBytes(input, "Failed to execute 'decode' on 'TextDecoder'");
      const stream = !!(options && options.stream);
      const fresh = this.#decoder === null; // no bytes buffered from an earlier {stream: true} call
      if (fresh) { this.#decoder = newDecoder(this.#encoding); this.#bomSeen = false; }
      let s;
      try {
        if (fresh && !stream && this.#encoding === 'utf-8' && bytes.length >= HOST_DECODE_MIN) {
          s = host.utf8Decode(bytes, this.#fatal);
          if (s === null) throw new TypeError('The encoded data was not valid for encoding utf-8');
        } else {
          s = this.#decoder(bytes, !stream, this.#fatal);
        }
      } catch (e) {
        this.#decoder = null;
        throw e;
      }
      if (!this.#ignoreBOM && !this.#bomSeen && s.length > 0) {
        this.#bomSeen = true;
        if (s.charCodeAt(0) === 0xfeff && this.#encoding !== 'windows-1252') s = s.slice(1);
      }
      if (!stream) this.#decoder = null;
      return s;
    }
  }
  Object.defineProperty(TextDecoder.prototype, Symbol.toStringTag, { value: 'TextDecoder', configurable: true });
  // One-shot decodes of 256 bytes and more run in Java (Utf8.java, the same decoder algorithm), much faster than
  // this loop without a JIT; small inputs and streaming decodes stay in JS.
  const HOST_DECODE_MIN = 256;
  const utf8Decode = (bytes) => (bytes.length >= HOST_DECODE_MIN ? host.utf8Decode(bytes, false) : utf8Decoder()(bytes, true, false));
  // A leading BOM is dropped, as the "UTF-8 decode" of the Encoding Standard (used by Body.text()/json()) does.
  internal.utf8Decode = (bytes) => { const s = utf8Decode(bytes); return s.charCodeAt(0) === 0xfeff ? s.slice(1) : s; };

  const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  const B64_INDEX = new Int16Array(128).fill(-1);
  for (let i = 0; i < 64; i++) B64_INDEX[B64.charCodeAt(i)] = i;

  function btoa(data) {
    if (arguments.length === 0) throw new TypeError("Failed to execute 'btoa': 1 argument required, but only 0 present.");
    const s = String(data);
    let out = '';
    for (let i = 0; i < s.length; i += 3) {
      const a = s.charCodeAt(i), b = s.charCodeAt(i + 1), c = s.charCodeAt(i + 2);
      if (a > 255 || b > 255 || c > 255) {
        throw new DOMException("Failed to execute 'btoa': The string to be encoded contains characters outside of the Latin1 range.", 'InvalidCharacterError');
      }
      const n = (a << 16) | ((b || 0) << 8) | (c || 0);
      out += B64[n >> 18] + B64[(n >> 12) & 63] + (i + 1 < s.length ? B64[(n >> 6) & 63] : '=') + (i + 2 < s.length ? B64[n & 63] : '=');
    }
    return out;
  }
  const decodeBase64 = (input) => {
    let s = String(input).replace(/[\t\n\f\r ]/g, '');
    if (s.length % 4 === 0) s = s.replace(/==?$/, '');
    if (s.length % 4 === 1) return null;
    const out = new Uint8Array((s.length * 3) >> 2);
    let o = 0, acc = 0, bits = 0;
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      const v = c < 128 ? B64_INDEX[c] : -1;
      if (v < 0) return null;
      acc = (acc << 6) | v; bits += 6;
      if (bits >= 8) { bits -= 8; out[o++] = (acc >> bits) & 0xff; }
    }
    return out.subarray(0, o);
  };
  internal.decodeBase64 = decodeBase64;
  function atob(data) {
    if (arguments.length === 0) throw new TypeError("Failed to execute 'atob': 1 argument required, but only 0 present.");
    const bytes = decodeBase64(data);
    if (bytes === null) throw new DOMException("Failed to execute 'atob': The string to be decoded is not correctly encoded.", 'InvalidCharacterError');
    return fromCodes(bytes);
  }

  internal.define('TextEncoder', TextEncoder);
  internal.define('TextDecoder', TextDecoder);
  internal.define('btoa', btoa);
  internal.define('atob', atob);
});
