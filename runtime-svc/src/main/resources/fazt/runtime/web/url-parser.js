// URL Standard, part 2: the basic URL parser (a state machine, with the state overrides the URL setters use)
// and the URL serializers.
(function (host, internal) {
  'use strict';
  const { SPECIAL, isSpecialScheme, defaultPort, EOF, isAlpha, isDigit, isHex, cp, C0, FRAGMENT, QUERY, SPECIAL_QUERY, PATH, USERINFO, encodeCodePoint, encodeString, parseHost } = internal.url;

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

  Object.assign(internal.url, { FAILURE, basicParse, serializePath, serializeUrl, serializeOrigin, hasCredentials });
});
