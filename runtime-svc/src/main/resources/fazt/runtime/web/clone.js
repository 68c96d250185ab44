// structuredClone (HTML): the structured clone algorithm for data, with cycles, and transfer of ArrayBuffers.
(function (host, internal) {
  'use strict';
  // captured now: app code replacing these globals later must not change how the platform behaves
  const { DOMException, Blob, File } = globalThis;
  const cloneError = (what) => new DOMException(`Failed to execute 'structuredClone' on 'Window': ${what} could not be cloned.`, 'DataCloneError');
  const ERRORS = { Error, EvalError, RangeError, ReferenceError, SyntaxError, TypeError, URIError };
  const PLATFORM = ['Request', 'Response', 'Headers', 'ReadableStream', 'WritableStream', 'TransformStream', 'AbortController',
    'AbortSignal', 'EventTarget', 'Event', 'URL', 'URLSearchParams', 'FormData', 'TextEncoder', 'TextDecoder', 'CryptoKey']
    .map((n) => globalThis[n]).filter(Boolean);

  const clone = (value, memory) => {
    if (value === null || (typeof value !== 'object' && typeof value !== 'function')) {
      if (typeof value === 'symbol') throw cloneError(value.toString());
      return value;
    }
    if (typeof value === 'function') throw cloneError(`${value.toString().slice(0, 60)}`);
    if (memory.has(value)) return memory.get(value);
    const tag = Object.prototype.toString.call(value).slice(8, -1);
    let out;
    switch (tag) {
      case 'Boolean': out = Object(Boolean.prototype.valueOf.call(value)); break;
      case 'Number': out = Object(Number.prototype.valueOf.call(value)); break;
      case 'String': out = Object(String.prototype.valueOf.call(value)); break;
      case 'BigInt': out = Object(BigInt.prototype.valueOf.call(value)); break;
      case 'Date': out = new Date(Date.prototype.getTime.call(value)); break;
      case 'RegExp': out = new RegExp(value.source, value.flags); break;
      case 'ArrayBuffer': out = value.slice(0); break;
      case 'SharedArrayBuffer': throw cloneError('SharedArrayBuffer');
      default: break;
    }
    if (out !== undefined) { memory.set(value, out); return out; }
    if (ArrayBuffer.isView(value)) {
      const buffer = clone(value.buffer, memory);
      out = value instanceof DataView ? new DataView(buffer, value.byteOffset, value.byteLength)
        : new value.constructor(buffer, value.byteOffset, value.length);
      memory.set(value, out);
      return out;
    }
    if (value instanceof Map) {
      out = new Map();
      memory.set(value, out);
      for (const [k, v] of Array.from(value)) out.set(clone(k, memory), clone(v, memory));
      return out;
    }
    if (value instanceof Set) {
      out = new Set();
      memory.set(value, out);
      for (const v of Array.from(value)) out.add(clone(v, memory));
      return out;
    }
    if (value instanceof Blob) {
      out = value instanceof File ? internal.newFile(internal.blobBytes(value), value.name, value.type, value.lastModified)
        : internal.newBlob(internal.blobBytes(value), value.type);
      memory.set(value, out);
      return out;
    }
    if (value instanceof DOMException) {
      out = new DOMException(value.message, value.name);
      memory.set(value, out);
      return out;
    }
    if (value instanceof Error) {
      const name = value.name;
      const Ctor = Object.prototype.hasOwnProperty.call(ERRORS, name) ? ERRORS[name] : Error;
      out = new Ctor();
      memory.set(value, out);
      const desc = Object.getOwnPropertyDescriptor(value, 'message');
      if (desc && 'value' in desc) Object.defineProperty(out, 'message', { value: String(desc.value), writable: true, configurable: true });
      if (typeof value.stack === 'string') Object.defineProperty(out, 'stack', { value: value.stack, writable: true, configurable: true });
      if ('cause' in value) Object.defineProperty(out, 'cause', { value: clone(value.cause, memory), writable: true, configurable: true });
      return out;
    }
    if (value instanceof Promise || value instanceof WeakMap || value instanceof WeakSet || (typeof WeakRef !== 'undefined' && value instanceof WeakRef)) {
      throw cloneError(`#<${tag}>`);
    }
    for (const P of PLATFORM) if (value instanceof P) throw cloneError(`#<${P.name}>`);
    if (Array.isArray(value)) {
      out = new Array(value.length);
    } else {
      out = {};
    }
    memory.set(value, out);
    for (const key of Object.keys(value)) out[key] = clone(value[key], memory);
    return out;
  };

  function structuredClone(value, options = undefined) {
    if (arguments.length === 0) throw new TypeError("Failed to execute 'structuredClone' on 'Window': 1 argument required, but only 0 present.");
    const memory = new Map();
    const transfer = options != null && options.transfer !== undefined ? Array.from(options.transfer) : [];
    const seen = new Set();
    for (const t of transfer) {
      if (!(t instanceof ArrayBuffer)) throw new DOMException("Failed to execute 'structuredClone' on 'Window': Value not transferable", 'DataCloneError');
      if (seen.has(t)) throw new DOMException("Failed to execute 'structuredClone' on 'Window': ArrayBuffer at index is a duplicate of an earlier ArrayBuffer.", 'DataCloneError');
      if (t.detached) throw new DOMException("Failed to execute 'structuredClone' on 'Window': An ArrayBuffer is detached and could not be cloned.", 'DataCloneError');
      seen.add(t);
    }
    const result = clone(value, memory);
    // the transferred buffers now belong to the clone: detach the originals
    for (const t of transfer) { if (typeof t.transfer === 'function') t.transfer(); }
    return result;
  }
  internal.define('structuredClone', structuredClone);
});
