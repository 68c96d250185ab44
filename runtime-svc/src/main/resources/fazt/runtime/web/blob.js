// Blob and File (File API), held in memory as one byte array.
(function (host, internal) {
  'use strict';
  const kBytes = Symbol('bytes');
  const normalizeType = (t) => {
    const s = t === undefined ? '' : String(t);
    return /^[\x20-\x7e]*$/.test(s) ? s.toLowerCase() : '';
  };
  const concat = (chunks) => {
    let n = 0;
    for (const c of chunks) n += c.length;
    const out = new Uint8Array(n);
    let o = 0;
    for (const c of chunks) { out.set(c, o); o += c.length; }
    return out;
  };
  internal.concat = concat;

  const partsToBytes = (parts, endings, what) => {
    if (parts === undefined) return new Uint8Array(0);
    if (parts === null || typeof parts !== 'object' || typeof parts[Symbol.iterator] !== 'function') {
      throw new TypeError(`Failed to construct '${what}': The provided value cannot be converted to a sequence.`);
    }
    const chunks = [];
    for (const part of parts) {
      if (part instanceof Blob) chunks.push(part[kBytes]);
      else if (part instanceof ArrayBuffer || ArrayBuffer.isView(part)) chunks.push(internal.toBytes(part, what).slice());
      else {
        let s = String(part);
        if (endings === 'native') s = s.replace(/\r\n|\r/g, '\n');
        chunks.push(internal.utf8Encode(s));
      }
    }
    return chunks.length === 1 ? chunks[0] : concat(chunks);
  };

  class Blob {
    #type;
    constructor(parts = undefined, options = {}) {
      options = options == null ? {} : options;
      const endings = options.endings === undefined ? 'transparent' : String(options.endings);
      if (endings !== 'transparent' && endings !== 'native') {
        throw new TypeError(`Failed to construct 'Blob': The provided value '${endings}' is not a valid enum value of type EndingType.`);
      }
      Object.defineProperty(this, kBytes, { value: partsToBytes(parts, endings, new.target === File ? 'File' : 'Blob'), writable: true });
      this.#type = normalizeType(options.type);
    }
    get size() { return this[kBytes].length; }
    get type() { return this.#type; }
    slice(start = 0, end = undefined, contentType = '') {
      const size = this.size;
      const clamp = (v, d) => {
        if (v === undefined) return d;
        v = Math.trunc(Number(v)) || 0;
        return v < 0 ? Math.max(size + v, 0) : Math.min(v, size);
      };
      const from = clamp(start, 0), to = clamp(end, size);
      const b = new Blob([], { type: contentType });
      b[kBytes] = this[kBytes].slice(from, Math.max(from, to));
      return b;
    }
    async text() { return internal.utf8Decode(this[kBytes]); }
    async arrayBuffer() { return this[kBytes].slice().buffer; }
    async bytes() { return this[kBytes].slice(); }
    stream() { return internal.streamOf(this[kBytes]); }
  }
  Object.defineProperty(Blob.prototype, Symbol.toStringTag, { value: 'Blob', configurable: true });

  class File extends Blob {
    #name; #lastModified;
    constructor(parts, name, options = {}) {
      if (arguments.length < 2) throw new TypeError(`Failed to construct 'File': 2 arguments required, but only ${arguments.length} present.`);
      super(parts, options);
      this.#name = String(name);
      options = options == null ? {} : options;
      this.#lastModified = options.lastModified === undefined ? Date.now() : Math.trunc(Number(options.lastModified)) || 0;
    }
    get name() { return this.#name; }
    get lastModified() { return this.#lastModified; }
    get webkitRelativePath() { return ''; }
  }
  Object.defineProperty(File.prototype, Symbol.toStringTag, { value: 'File', configurable: true });

  internal.blobBytes = (blob) => blob[kBytes];
  internal.newBlob = (bytes, type) => {
    const b = new Blob([], { type });
    b[kBytes] = bytes;
    return b;
  };
  internal.newFile = (bytes, name, type, lastModified) => {
    const f = new File([], name, { type, lastModified });
    f[kBytes] = bytes;
    return f;
  };
  internal.define('Blob', Blob);
  internal.define('File', File);
});
