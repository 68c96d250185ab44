// URL and URLSearchParams: the WHATWG URL Standard's basic URL parser (with state overrides for the setters),
// host parsing (domain via the host's IDNA ToASCII, IPv4, IPv6, opaque hosts), serializers and the
// application/x-www-form-urlencoded parser and serializer.
(function (host, internal) {
  'use strict';
  const SPECIAL = { 'ftp': 21, 'file': null, 'http': 80, 'https': 443, 'ws': 80, 'wss': 443 };
  const isSpecialScheme = (s) => Object.prototype.hasOwnProperty.call(SPECIAL, s);
  const defaultPort = (s) => (isSpecialScheme(s) ? SPECIAL[s] : null);
  const EOF = undefined;
  const isAlpha = (c) => (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
  const isDigit = (c) => c >= 0x30 && c <= 0x39;
  const isHex = (c) => isDigit(c) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);
  const at = (s, i) => (i < s.length ? s[i] : EOF);
  const cp = (ch) => ch.codePointAt(0);

  // ---- percent-encoding
  const C0 = (c) => c < 0x20 || c > 0x7e;
  const FRAGMENT = (c) => C0(c) || c === 0x20 || c === 0x22 || c === 0x3c || c === 0x3e || c === 0x60;
  const QUERY = (c) => C0(c) || c === 0x20 || c === 0x22 || c === 0x23 || c === 0x3c || c === 0x3e;
  const SPECIAL_QUERY = (c) => QUERY(c) || c === 0x27;
  const PATH = (c) => QUERY(c) || c === 0x3f || c === 0x5e || c === 0x60 || c === 0x7b || c === 0x7d;
  const USERINFO = (c) => PATH(c) || c === 0x2f || c === 0x3a || c === 0x3b || c === 0x3d || c === 0x40 || (c >= 0x5b && c <= 0x5d) || c === 0x7c;
  const COMPONENT = (c) => USERINFO(c) || (c >= 0x24 && c <= 0x26) || c === 0x2b || c === 0x2c;
  const URLENCODED = (c) => COMPONENT(c) || c === 0x21 || (c >= 0x27 && c <= 0x29) || c === 0x7e;
  const hex2 = (b) => '%' + (b < 16 ? '0' : '') + b.toString(16).toUpperCase();
  const encodeCodePoint = (c, set) => {
    if (!set(c)) return String.fromCodePoint(c);
    let out = '';
    for (const b of internal.utf8Encode(String.fromCodePoint(c))) out += hex2(b);
    return out;
  };
  const encodeString = (s, set, spaceAsPlus = false) => {
    let out = '';
    for (const ch of s) {
      const c = cp(ch);
      out += spaceAsPlus && c === 0x20 ? '+' : encodeCodePoint(c >= 0xd800 && c <= 0xdfff ? 0xfffd : c, set);
    }
    return out;
  };
  const percentDecodeBytes = (bytes) => {
    const out = new Uint8Array(bytes.length);
    let o = 0;
    for (let i = 0; i < bytes.length; i++) {
      const b = bytes[i];
      if (b === 0x25 && i + 2 < bytes.length && isHex(bytes[i + 1]) && isHex(bytes[i + 2])) {
        out[o++] = parseInt(String.fromCharCode(bytes[i + 1], bytes[i + 2]), 16);
        i += 2;
      } else out[o++] = b;
    }
    return out.subarray(0, o);
  };
  const percentDecode = (s) => percentDecodeBytes(internal.utf8Encode(s));

  // ---- hosts
  const FORBIDDEN_HOST = /[\0\t\n\r #/:<>?@[\\\]^|]/;
  const FORBIDDEN_DOMAIN = /[\0\t\n\r #/:<>?@[\\\]^|\x00-\x1f%\x7f]/;
  const parseIPv4Number = (s) => {
    if (s === '') return NaN;
    let radix = 10;
    if (s.length >= 2 && (s.startsWith('0x') || s.startsWith('0X'))) { s = s.slice(2); radix = 16; }
    else if (s.length >= 2 && s[0] === '0') { s = s.slice(1); radix = 8; }
    if (s === '') return 0;
    const re = radix === 10 ? /^[0-9]+$/ : radix === 16 ? /^[0-9A-Fa-f]+$/ : /^[0-7]+$/;
    if (!re.test(s)) return NaN;
    return parseInt(s, radix);
  };
  const endsInANumber = (input) => {
    const parts = input.split('.');
    if (parts[parts.length - 1] === '') { if (parts.length === 1) return false; parts.pop(); }
    const last = parts[parts.length - 1];
    if (last !== '' && /^[0-9]+$/.test(last)) return true;
    return !Number.isNaN(parseIPv4Number(last)) && /^0[xX]/.test(last);
  };
  const parseIPv4 = (input) => {
    const parts = input.split('.');
    if (parts[parts.length - 1] === '' && parts.length > 1) parts.pop();
    if (parts.length > 4) return null;
    const numbers = [];
    for (const p of parts) {
      const n = parseIPv4Number(p);
      if (Number.isNaN(n)) return null;
      numbers.push(n);
    }
    for (let i = 0; i < numbers.length - 1; i++) if (numbers[i] > 255) return null;
    if (numbers[numbers.length - 1] >= 256 ** (5 - numbers.length)) return null;
    let ipv4 = numbers[numbers.length - 1];
    for (let i = 0; i < numbers.length - 1; i++) ipv4 += numbers[i] * 256 ** (3 - i);
    return ipv4;
  };
  const serializeIPv4 = (n) => {
    const out = [];
    for (let i = 0; i < 4; i++) { out.unshift(String(n % 256)); n = Math.floor(n / 256); }
    return out.join('.');
  };
  const parseIPv6 = (input) => {
    const address = [0, 0, 0, 0, 0, 0, 0, 0];
    let pieceIndex = 0, compress = null, p = 0;
    const s = Array.from(input, cp);
    if (s[p] === 0x3a) {
      if (s[p + 1] !== 0x3a) return null;
      p += 2; pieceIndex++; compress = pieceIndex;
    }
    while (s[p] !== EOF) {
      if (pieceIndex === 8) return null;
      if (s[p] === 0x3a) {
        if (compress !== null) return null;
        p++; pieceIndex++; compress = pieceIndex;
        continue;
      }
      let value = 0, length = 0;
      while (length < 4 && s[p] !== EOF && isHex(s[p])) { value = value * 0x10 + parseInt(String.fromCodePoint(s[p]), 16); p++; length++; }
      if (s[p] === 0x2e) {
        if (length === 0) return null;
        p -= length;
        if (pieceIndex > 6) return null;
        let numbersSeen = 0;
        while (s[p] !== EOF) {
          let ipv4Piece = null;
          if (numbersSeen > 0) {
            if (s[p] === 0x2e && numbersSeen < 4) p++; else return null;
          }
          if (s[p] === EOF || !isDigit(s[p])) return null;
          while (s[p] !== EOF && isDigit(s[p])) {
            const n = s[p] - 0x30;
            if (ipv4Piece === null) ipv4Piece = n; else if (ipv4Piece === 0) return null; else ipv4Piece = ipv4Piece * 10 + n;
            if (ipv4Piece > 255) return null;
            p++;
          }
          address[pieceIndex] = address[pieceIndex] * 0x100 + ipv4Piece;
          numbersSeen++;
          if (numbersSeen === 2 || numbersSeen === 4) pieceIndex++;
        }
        if (numbersSeen !== 4) return null;
        break;
      } else if (s[p] === 0x3a) {
        p++;
        if (s[p] === EOF) return null;
      } else if (s[p] !== EOF) return null;
      address[pieceIndex] = value;
      pieceIndex++;
    }
    if (compress !== null) {
      let swaps = pieceIndex - compress;
      pieceIndex = 7;
      while (pieceIndex !== 0 && swaps > 0) {
        const t = address[compress + swaps - 1];
        address[compress + swaps - 1] = address[pieceIndex];
        address[pieceIndex] = t;
        pieceIndex--; swaps--;
      }
    } else if (pieceIndex !== 8) return null;
    return address;
  };
  const serializeIPv6 = (a) => {
    let best = -1, bestLen = 1;
    for (let i = 0; i < 8;) {
      if (a[i] !== 0) { i++; continue; }
      let j = i;
      while (j < 8 && a[j] === 0) j++;
      if (j - i > bestLen) { best = i; bestLen = j - i; }
      i = j;
    }
    let out = '';
    let ignore0 = false;
    for (let i = 0; i < 8; i++) {
      if (ignore0 && a[i] === 0) continue;
      ignore0 = false;
      if (best === i) { out += i === 0 ? '::' : ':'; ignore0 = true; continue; }
      out += a[i].toString(16);
      if (i !== 7) out += ':';
    }
    return '[' + out + ']';
  };
  const parseHost = (input, notSpecial) => {
    if (input.startsWith('[')) {
      if (!input.endsWith(']')) return null;
      const a = parseIPv6(input.slice(1, -1));
      return a === null ? null : serializeIPv6(a);
    }
    if (notSpecial) {
      if (FORBIDDEN_HOST.test(input)) return null;
      return encodeString(input, C0);
    }
    const domain = internal.utf8Decode(percentDecode(input));
    let ascii;
    if (/^[\x00-\x7f]*$/.test(domain) && !/(^|\.)xn--/i.test(domain)) ascii = domain.toLowerCase();
    else {
      try { ascii = host.domainToAscii(domain); } catch (e) { return null; }
      if (ascii === null || ascii === undefined || ascii === '') return null;
    }
    if (ascii === '' || FORBIDDEN_DOMAIN.test(ascii)) return null;
    if (endsInANumber(ascii)) {
      const v4 = parseIPv4(ascii);
      return v4 === null ? null : serializeIPv4(v4);
    }
    return ascii;
  };

  // ---- the basic URL parser
  const FAILURE = Symbol('failure');
  const isWindowsDriveLetter = (s, normalizedOnly) => s.length === 2 && isAlpha(cp(s[0])) && (s[1] === ':' || (!normalizedOnly && s[1] === '|'));
  const startsWithWindowsDriveLetter = (cps, p) => {
    if (cps.length - p < 2) return false;
    if (!isAlpha(cps[p]) || (cps[p + 1] !== 0x3a && cps[p + 1] !== 0x7c)) return false;
    if (cps.length - p === 2) return true;
    const c = cps[p + 2];
    return c === 0x2f || c === 0x5c || c === 0x3f || c === 0x23;
  };
  const isSingleDot = (s) => s === '.' || s.toLowerCase() === '%2e';
  const isDoubleDot = (s) => { s = s.toLowerCase(); return s === '..' || s === '.%2e' || s === '%2e.' || s === '%2e%2e'; };
  const shortenPath = (url) => {
    const path = url.path;
    if (url.scheme === 'file' && path.length === 1 && isWindowsDriveLetter(path[0], true)) return;
    path.pop();
  };
  const hasCredentials = (url) => url.username !== '' || url.password !== '';

  const basicParse = (inputStr, base, url, stateOverride) => {
    let input = inputStr;
    if (!url) {
      url = { scheme: '', username: '', password: '', host: null, port: null, path: [], opaque: false, query: null, fragment: null };
      input = input.replace(/^[\x00-\x20]+|[\x00-\x20]+$/g, '');
    }
    input = input.replace(/[\t\n\r]/g, '');
    const c = Array.from(input, cp);
    let state = stateOverride || 'scheme start';
    let buffer = '', atSign = false, insideBrackets = false, passwordToken = false;
    for (let p = 0; ; p++) {
      const ch = c[p];
      const chs = ch === EOF ? '' : String.fromCodePoint(ch);
      switch (state) {
        case 'scheme start':
          if (ch !== EOF && isAlpha(ch)) { buffer += chs.toLowerCase(); state = 'scheme'; }
          else if (!stateOverride) { state = 'no scheme'; p--; }
          else return FAILURE;
          break;
        case 'scheme':
          if (ch !== EOF && (isAlpha(ch) || isDigit(ch) || ch === 0x2b || ch === 0x2d || ch === 0x2e)) buffer += chs.toLowerCase();
          else if (ch === 0x3a) {
            if (stateOverride) {
              if (isSpecialScheme(url.scheme) !== isSpecialScheme(buffer)) return url;
              if ((hasCredentials(url) || url.port !== null) && buffer === 'file') return url;
              if (url.scheme === 'file' && url.host === '') return url;
            }
            url.scheme = buffer;
            if (stateOverride) {
              if (url.port === defaultPort(url.scheme)) url.port = null;
              return url;
            }
            buffer = '';
            if (url.scheme === 'file') state = 'file';
            else if (isSpecialScheme(url.scheme) && base && base.scheme === url.scheme) state = 'special relative or authority';
            else if (isSpecialScheme(url.scheme)) state = 'special authority slashes';
            else if (c[p + 1] === 0x2f) { state = 'path or authority'; p++; }
            else { url.opaque = true; url.path = ''; state = 'opaque path'; }
          } else if (!stateOverride) { buffer = ''; state = 'no scheme'; p = -1; }
          else return FAILURE;
          break;
        case 'no scheme':
          if (!base || (base.opaque && ch !== 0x23)) return FAILURE;
          if (base.opaque && ch === 0x23) {
            url.scheme = base.scheme; url.path = base.path; url.opaque = true; url.query = base.query; url.fragment = ''; state = 'fragment';
          } else if (base.scheme !== 'file') { state = 'relative'; p--; }
          else { state = 'file'; p--; }
          break;
        case 'special relative or authority':
          if (ch === 0x2f && c[p + 1] === 0x2f) { state = 'special authority ignore slashes'; p++; }
          else { state = 'relative'; p--; }
          break;
        case 'path or authority':
          if (ch === 0x2f) state = 'authority'; else { state = 'path'; p--; }
          break;
        case 'relative':
          url.scheme = base.scheme;
          if (ch === 0x2f) state = 'relative slash';
          else if (isSpecialScheme(url.scheme) && ch === 0x5c) state = 'relative slash';
          else {
            url.username = base.username; url.password = base.password; url.host = base.host; url.port = base.port;
            url.path = base.path.slice(); url.query = base.query;
            if (ch === 0x3f) { url.query = ''; state = 'query'; }
            else if (ch === 0x23) { url.fragment = ''; state = 'fragment'; }
            else if (ch !== EOF) { url.query = null; shortenPath(url); state = 'path'; p--; }
          }
          break;
        case 'relative slash':
          if (isSpecialScheme(url.scheme) && (ch === 0x2f || ch === 0x5c)) state = 'special authority ignore slashes';
          else if (ch === 0x2f) state = 'authority';
          else { url.username = base.username; url.password = base.password; url.host = base.host; url.port = base.port; state = 'path'; p--; }
          break;
        case 'special authority slashes':
          if (ch === 0x2f && c[p + 1] === 0x2f) { state = 'special authority ignore slashes'; p++; }
          else { state = 'special authority ignore slashes'; p--; }
          break;
        case 'special authority ignore slashes':
          if (ch !== 0x2f && ch !== 0x5c) { state = 'authority'; p--; }
          break;
        case 'authority':
          if (ch === 0x40) {
            if (atSign) buffer = '%40' + buffer;
            atSign = true;
            for (const bch of buffer) {
              if (bch === ':' && !passwordToken) { passwordToken = true; continue; }
              const enc = encodeCodePoint(cp(bch), USERINFO);
              if (passwordToken) url.password += enc; else url.username += enc;
            }
            buffer = '';
          } else if (ch === EOF || ch === 0x2f || ch === 0x3f || ch === 0x23 || (isSpecialScheme(url.scheme) && ch === 0x5c)) {
            if (atSign && buffer === '') return FAILURE;
            p -= Array.from(buffer).length + 1;
            buffer = '';
            state = 'host';
          } else buffer += chs;
          break;
        case 'host':
        case 'hostname':
          if (stateOverride && url.scheme === 'file') { p--; state = 'file host'; }
          else if (ch === 0x3a && !insideBrackets) {
            if (buffer === '') return FAILURE;
            if (stateOverride === 'hostname') return FAILURE;
            const h = parseHost(buffer, !isSpecialScheme(url.scheme));
            if (h === null) return FAILURE;
            url.host = h; buffer = ''; state = 'port';
          } else if (ch === EOF || ch === 0x2f || ch === 0x3f || ch === 0x23 || (isSpecialScheme(url.scheme) && ch === 0x5c)) {
            p--;
            if (isSpecialScheme(url.scheme) && buffer === '') return FAILURE;
            if (stateOverride && buffer === '' && (hasCredentials(url) || url.port !== null)) return FAILURE;
            const h = parseHost(buffer, !isSpecialScheme(url.scheme));
            if (h === null) return FAILURE;
            url.host = h; buffer = ''; state = 'path start';
            if (stateOverride) return url;
          } else {
            if (ch === 0x5b) insideBrackets = true;
            if (ch === 0x5d) insideBrackets = false;
            buffer += chs;
          }
          break;
        case 'port':
          if (ch !== EOF && isDigit(ch)) buffer += chs;
          else if (ch === EOF || ch === 0x2f || ch === 0x3f || ch === 0x23 || (isSpecialScheme(url.scheme) && ch === 0x5c) || stateOverride) {
            if (buffer !== '') {
              const port = parseInt(buffer, 10);
              if (port > 65535) return FAILURE;
              url.port = port === defaultPort(url.scheme) ? null : port;
              buffer = '';
              if (stateOverride) return url;
            }
            if (stateOverride) return FAILURE;
            state = 'path start'; p--;
          } else return FAILURE;
          break;
        case 'file':
          url.scheme = 'file';
          url.host = '';
          if (ch === 0x2f || ch === 0x5c) state = 'file slash';
          else if (base && base.scheme === 'file') {
            url.host = base.host; url.path = base.path.slice(); url.query = base.query;
            if (ch === 0x3f) { url.query = ''; state = 'query'; }
            else if (ch === 0x23) { url.fragment = ''; state = 'fragment'; }
            else if (ch !== EOF) {
              url.query = null;
              if (!startsWithWindowsDriveLetter(c, p)) shortenPath(url); else url.path = [];
              state = 'path'; p--;
            }
          } else { state = 'path'; p--; }
          break;
        case 'file slash':
          if (ch === 0x2f || ch === 0x5c) state = 'file host';
          else {
            if (base && base.scheme === 'file') {
              url.host = base.host;
              if (!startsWithWindowsDriveLetter(c, p) && base.path.length > 0 && isWindowsDriveLetter(base.path[0], true)) url.path.push(base.path[0]);
            }
            state = 'path'; p--;
          }
          break;
        case 'file host':
          if (ch === EOF || ch === 0x2f || ch === 0x5c || ch === 0x3f || ch === 0x23) {
            p--;
            if (!stateOverride && isWindowsDriveLetter(buffer, false)) state = 'path';
            else if (buffer === '') {
              url.host = '';
              if (stateOverride) return url;
              state = 'path start';
            } else {
              let h = parseHost(buffer, false);
              if (h === null) return FAILURE;
              if (h === 'localhost') h = '';
              url.host = h;
              if (stateOverride) return url;
              buffer = ''; state = 'path start';
            }
          } else buffer += chs;
          break;
        case 'path start':
          if (isSpecialScheme(url.scheme)) { state = 'path'; if (ch !== 0x2f && ch !== 0x5c) p--; }
          else if (!stateOverride && ch === 0x3f) { url.query = ''; state = 'query'; }
          else if (!stateOverride && ch === 0x23) { url.fragment = ''; state = 'fragment'; }
          else if (ch !== EOF) { state = 'path'; if (ch !== 0x2f) p--; }
          else if (stateOverride && url.host === null) url.path.push('');
          break;
        case 'path':
          if (ch === EOF || ch === 0x2f || (isSpecialScheme(url.scheme) && ch === 0x5c) || (!stateOverride && (ch === 0x3f || ch === 0x23))) {
            const slash = ch === 0x2f || (isSpecialScheme(url.scheme) && ch === 0x5c);
            if (isDoubleDot(buffer)) {
              shortenPath(url);
              if (!slash) url.path.push('');
            } else if (isSingleDot(buffer) && !slash) url.path.push('');
            else if (!isSingleDot(buffer)) {
              if (url.scheme === 'file' && url.path.length === 0 && isWindowsDriveLetter(buffer, false)) buffer = buffer[0] + ':';
              url.path.push(buffer);
            }
            buffer = '';
            if (ch === 0x3f) { url.query = ''; state = 'query'; }
            if (ch === 0x23) { url.fragment = ''; state = 'fragment'; }
          } else buffer += encodeCodePoint(ch, PATH);
          break;
        case 'opaque path':
          if (ch === 0x3f) { url.query = ''; state = 'query'; }
          else if (ch === 0x23) { url.fragment = ''; state = 'fragment'; }
          else if (ch === 0x20) {
            const next = c[p + 1];
            if (next === 0x3f || next === 0x23) url.path += '%20'; else url.path += ' ';
          }
          else if (ch !== EOF) url.path += encodeCodePoint(ch, C0);
          break;
        case 'query':
          if ((!stateOverride && ch === 0x23) || ch === EOF) {
            url.query += encodeString(buffer, isSpecialScheme(url.scheme) ? SPECIAL_QUERY : QUERY);
            buffer = '';
            if (ch === 0x23) { url.fragment = ''; state = 'fragment'; }
          } else if (ch !== EOF) buffer += chs;
          break;
        case 'fragment':
          if (ch !== EOF) url.fragment += encodeCodePoint(ch, FRAGMENT);
          break;
      }
      if (p >= c.length) break;
    }
    return url;
  };

  const serializePath = (url) => (url.opaque ? url.path : url.path.map((s) => '/' + s).join(''));
  const serializeUrl = (url, excludeFragment = false) => {
    let out = url.scheme + ':';
    if (url.host !== null) {
      out += '//';
      if (hasCredentials(url)) {
        out += url.username;
        if (url.password !== '') out += ':' + url.password;
        out += '@';
      }
      out += url.host;
      if (url.port !== null) out += ':' + url.port;
    }
    if (url.host === null && !url.opaque && url.path.length > 1 && url.path[0] === '') out += '/.';
    out += serializePath(url);
    if (url.query !== null) out += '?' + url.query;
    if (!excludeFragment && url.fragment !== null) out += '#' + url.fragment;
    return out;
  };
  const serializeOrigin = (url) => {
    switch (url.scheme) {
      case 'blob': {
        const inner = basicParse(serializePath(url), null);
        return inner !== FAILURE && (inner.scheme === 'http' || inner.scheme === 'https') ? serializeOrigin(inner) : 'null';
      }
      case 'ftp': case 'http': case 'https': case 'ws': case 'wss':
        return url.scheme + '://' + url.host + (url.port !== null ? ':' + url.port : '');
      default: return 'null';
    }
  };

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
