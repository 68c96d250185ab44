// URL Standard, part 1: code point classes, percent-encoding and the host parser (domains through the host's
// IDNA ToASCII, IPv4 in all its legacy forms, IPv6 with compression and embedded IPv4, opaque hosts).
(function (host, internal) {
  'use strict';
  const SPECIAL = { 'ftp': 21, 'file': null, 'http': 80, 'https': 443, 'ws': 80, 'wss': 443 };
  const isSpecialScheme = (s) => Object.prototype.hasOwnProperty.call(SPECIAL, s);
  const defaultPort = (s) => (isSpecialScheme(s) ? SPECIAL[s] : null);
  const EOF = undefined;
  const isAlpha = (c) => (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
  const isDigit = (c) => c >= 0x30 && c <= 0x39;
  const isHex = (c) => isDigit(c) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);
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

  internal.url = { SPECIAL, isSpecialScheme, defaultPort, EOF, isAlpha, isDigit, isHex, cp, C0, FRAGMENT, QUERY, SPECIAL_QUERY, PATH, USERINFO, COMPONENT, URLENCODED, encodeCodePoint, encodeString, percentDecode, parseHost };
});
