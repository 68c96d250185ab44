// console (Console Standard, formatting as in Node/Deno), printed through the host's log sink.
(function (host, internal) {
  'use strict';
  const MAX_DEPTH = 4, MAX_ITEMS = 100, MAX_LINE = 64 * 1024;

  const inspect = (value, depth = 0, seen = new Set()) => {
    switch (typeof value) {
      case 'string': return depth === 0 ? value : JSON.stringify(value);
      case 'number': return Object.is(value, -0) ? '-0' : String(value);
      case 'bigint': return value + 'n';
      case 'undefined': return 'undefined';
      case 'boolean': return String(value);
      case 'symbol': return value.toString();
      case 'function': return `[Function: ${value.name || '(anonymous)'}]`;
    }
    if (value === null) return 'null';
    if (value instanceof Error) return value.stack || `${value.name}: ${value.message}`;
    if (seen.has(value)) return '[Circular *]';
    if (depth >= MAX_DEPTH) return Array.isArray(value) ? '[Array]' : '[Object]';
    seen.add(value);
    try {
      if (value instanceof Date) return isNaN(value) ? 'Invalid Date' : value.toISOString();
      if (value instanceof RegExp) return String(value);
      if (Array.isArray(value)) {
        const items = value.slice(0, MAX_ITEMS).map((v) => inspect(v, depth + 1, seen));
        if (value.length > MAX_ITEMS) items.push(`... ${value.length - MAX_ITEMS} more items`);
        return `[ ${items.join(', ')} ]`.replace('[  ]', '[]');
      }
      if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
        const items = Array.from(value.slice(0, MAX_ITEMS), String);
        return `${value.constructor.name}(${value.length}) [ ${items.join(', ')}${value.length > MAX_ITEMS ? ', ...' : ''} ]`;
      }
      if (value instanceof Map) {
        const items = [...value].slice(0, MAX_ITEMS).map(([k, v]) => `${inspect(k, depth + 1, seen)} => ${inspect(v, depth + 1, seen)}`);
        return `Map(${value.size}) { ${items.join(', ')} }`;
      }
      if (value instanceof Set) {
        const items = [...value].slice(0, MAX_ITEMS).map((v) => inspect(v, depth + 1, seen));
        return `Set(${value.size}) { ${items.join(', ')} }`;
      }
      const tag = value[Symbol.toStringTag];
      const ctor = value.constructor && value.constructor !== Object ? value.constructor.name : '';
      const keys = Object.keys(value);
      const items = keys.slice(0, MAX_ITEMS).map((k) => {
        const name = /^[A-Za-z_$][\w$]*$/.test(k) ? k : JSON.stringify(k);
        return `${name}: ${inspect(value[k], depth + 1, seen)}`;
      });
      if (keys.length > MAX_ITEMS) items.push(`... ${keys.length - MAX_ITEMS} more items`);
      const prefix = ctor ? ctor + ' ' : tag ? `Object [${tag}] ` : '';
      return items.length ? `${prefix}{ ${items.join(', ')} }` : `${prefix}{}`;
    } catch (e) {
      return '[object]';
    } finally {
      seen.delete(value);
    }
  };

  const format = (args) => {
    let out = '';
    let rest = args;
    if (typeof args[0] === 'string' && args.length > 1 && args[0].includes('%')) {
      let i = 1;
      out = args[0].replace(/%[sdifjoOc%]/g, (m) => {
        if (m === '%%') return '%';
        if (i >= args.length) return m;
        const a = args[i++];
        switch (m) {
          case '%s': return typeof a === 'string' ? a : inspect(a, 1);
          case '%d': case '%i': return typeof a === 'bigint' ? a + 'n' : String(m === '%i' ? parseInt(a) : Number(a));
          case '%f': return String(parseFloat(a));
          case '%j': try { return JSON.stringify(a); } catch (e) { return '[Circular]'; }
          case '%c': return '';
          default: return inspect(a, 1);
        }
      });
      rest = args.slice(i);
      if (rest.length) out += ' ';
    }
    out += rest.map((a) => inspect(a)).join(' ');
    return out.length > MAX_LINE ? out.slice(0, MAX_LINE) + '… (truncated)' : out;
  };
  internal.inspect = inspect;

  const counts = new Map(), timers = new Map();
  let groupIndent = '';
  const emit = (level, args) => host.log(level, groupIndent + format(args));
  const console = {
    log: (...a) => emit('info', a),
    info: (...a) => emit('info', a),
    debug: (...a) => emit('debug', a),
    trace: (...a) => emit('debug', [...a, '\n' + (new Error().stack || '').split('\n').slice(2).join('\n')]),
    warn: (...a) => emit('warn', a),
    error: (...a) => emit('error', a),
    dir: (v) => emit('info', [inspect(v, 1)]),
    table: (...a) => emit('info', a),
    assert: (cond, ...a) => { if (!cond) emit('error', ['Assertion failed' + (a.length ? ':' : ''), ...a]); },
    count: (label = 'default') => { const n = (counts.get(label) || 0) + 1; counts.set(label, n); emit('info', [`${label}: ${n}`]); },
    countReset: (label = 'default') => counts.delete(label),
    time: (label = 'default') => timers.set(label, Date.now()),
    timeLog: (label = 'default', ...a) => emit('info', [`${label}: ${Date.now() - (timers.get(label) ?? Date.now())}ms`, ...a]),
    timeEnd: (label = 'default') => { emit('info', [`${label}: ${Date.now() - (timers.get(label) ?? Date.now())}ms`]); timers.delete(label); },
    group: (...a) => { if (a.length) emit('info', a); groupIndent += '  '; },
    groupCollapsed: (...a) => { if (a.length) emit('info', a); groupIndent += '  '; },
    groupEnd: () => { groupIndent = groupIndent.slice(2); },
  };
  Object.defineProperty(console, Symbol.toStringTag, { value: 'console', configurable: true });
  internal.define('console', console);
});
