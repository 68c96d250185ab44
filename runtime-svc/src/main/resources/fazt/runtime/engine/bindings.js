// env.KV, env.DB and env.FILES: the JavaScript surface of StorageBindings. `host(op, argsJson, bytes, resolve,
// reject)` starts one storage request scoped by the platform to this context's app; resolve gets (json, Uint8Array
// or null) and reject a message, both later on the context thread. `MAIL` is env.MAIL from mail.js. Returns a
// function building `env`.
(function (host, MAIL) {
  'use strict';

  function call(op, args, bytes) {
    return new Promise((resolve, reject) => {
      host(op, JSON.stringify(args), bytes === undefined ? null : bytes,
        (json, data) => resolve({ meta: JSON.parse(json), data }),
        (message) => reject(new Error(message)));
    });
  }

  function requireString(value, what) {
    if (typeof value !== 'string' || value.length === 0) {
      throw new TypeError(what + ' must be a non-empty string');
    }
    return value;
  }

  function toArrayBuffer(bytes) {
    return bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength
      ? bytes.buffer : bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
  }

  function isBytes(value) {
    return value instanceof ArrayBuffer || ArrayBuffer.isView(value);
  }

  const KV_TYPES = ['text', 'json', 'arrayBuffer'];

  const KV = Object.freeze({
    async get(key, options) {
      requireString(key, 'KV.get: key');
      const type = typeof options === 'string' ? options : options == null ? undefined : options.type;
      if (type !== undefined && !KV_TYPES.includes(type)) {
        throw new TypeError('KV.get: type must be one of ' + KV_TYPES.join(', ') + ', got ' + String(type));
      }
      const { meta, data } = await call('kv.get', { key, type: type === undefined ? null : type });
      if (!meta.found) {
        return null;
      }
      const effective = type !== undefined ? type : meta.kind === 'json' ? 'json' : meta.kind === 'text' ? 'text' : 'arrayBuffer';
      if (effective === 'arrayBuffer') {
        return toArrayBuffer(data);
      }
      return effective === 'json' ? JSON.parse(meta.text) : meta.text;
    },
    async put(key, value, options) {
      requireString(key, 'KV.put: key');
      let args;
      let bytes;
      if (typeof value === 'string') {
        args = { key, kind: 'text', text: value };
      } else if (isBytes(value)) {
        args = { key, kind: 'bytes' };
        bytes = value;
      } else {
        const text = value === undefined ? undefined : JSON.stringify(value);
        if (text === undefined) {
          throw new TypeError('KV.put: value must be a string, an ArrayBuffer, a typed array or JSON-serializable');
        }
        args = { key, kind: 'json', text };
      }
      const ttl = options == null ? undefined : options.ttl !== undefined ? options.ttl : options.expirationTtl;
      if (ttl !== undefined && ttl !== null) {
        if (!Number.isInteger(ttl) || ttl < 1) {
          throw new TypeError('KV.put: ttl must be a whole number of seconds, at least 1');
        }
        args.ttl = ttl;
      }
      await call('kv.put', args, bytes);
    },
    async delete(key) {
      requireString(key, 'KV.delete: key');
      const { meta } = await call('kv.delete', { key });
      return meta.deleted;
    },
    async list(options) {
      const o = options || {};
      const { meta } = await call('kv.list', { prefix: o.prefix == null ? null : String(o.prefix),
        cursor: o.cursor == null ? null : String(o.cursor), limit: o.limit == null ? 0 : Number(o.limit) });
      return {
        keys: meta.keys.map((k) => (k.expiresAt ? { name: k.name, expiration: Math.floor(Date.parse(k.expiresAt) / 1000) } : { name: k.name })),
        list_complete: meta.complete,
        cursor: meta.cursor === null ? undefined : meta.cursor,
      };
    },
  });

  function collection(name) {
    requireString(name, 'DB.collection: name');
    return Object.freeze({
      async insert(documents) {
        const many = Array.isArray(documents);
        const list = many ? documents : [documents];
        for (const d of list) {
          if (d === null || typeof d !== 'object' || Array.isArray(d)) {
            throw new TypeError('DB.insert: documents must be objects');
          }
        }
        const { meta } = await call('db.insert', { collection: name, documents: list });
        return many ? meta.ids : meta.ids[0];
      },
      async get(id) {
        const { meta } = await call('db.get', { collection: name, id: requireString(id, 'DB.get: id') });
        return meta.found ? meta.document : null;
      },
      async find(query, options) {
        const o = options || {};
        const { meta } = await call('db.find', { collection: name, query: query == null ? {} : query,
          sort: o.sort == null ? null : o.sort, limit: o.limit == null ? 0 : Number(o.limit),
          cursor: o.cursor == null ? null : String(o.cursor) });
        return { documents: meta.documents, cursor: meta.cursor === null ? undefined : meta.cursor };
      },
      async update(query, update) {
        if (update === null || typeof update !== 'object') {
          throw new TypeError('DB.update: update must be an object of $set, $unset, $inc');
        }
        const { meta } = await call('db.update', { collection: name, query: query == null ? {} : query, update });
        return meta.count;
      },
      async delete(query) {
        const { meta } = await call('db.delete', { collection: name, query: query == null ? {} : query });
        return meta.count;
      },
      async count(query) {
        const { meta } = await call('db.count', { collection: name, query: query == null ? {} : query });
        return meta.count;
      },
    });
  }

  const DB = Object.freeze({
    collection,
    insert: (c, documents) => collection(c).insert(documents),
    get: (c, id) => collection(c).get(id),
    find: (c, query, options) => collection(c).find(query, options),
    update: (c, query, update) => collection(c).update(query, update),
    delete: (c, query) => collection(c).delete(query),
    count: (c, query) => collection(c).count(query),
  });

  async function bodyBytes(body) {
    if (typeof body === 'string') {
      return new TextEncoder().encode(body);
    }
    if (isBytes(body)) {
      return body;
    }
    if (body != null && typeof body.arrayBuffer === 'function') {
      return new Uint8Array(await body.arrayBuffer()); // Blob, Response, Request
    }
    if (body != null && typeof ReadableStream !== 'undefined' && body instanceof ReadableStream) {
      return new Uint8Array(await new Response(body).arrayBuffer());
    }
    throw new TypeError('FILES.put: body must be a string, ArrayBuffer, typed array, Blob, Response or ReadableStream');
  }

  function fileView(file) {
    return { path: file.path, size: file.size, contentType: file.contentType, updatedAt: file.updatedAt };
  }

  const FILES = Object.freeze({
    async put(path, body, options) {
      requireString(path, 'FILES.put: path');
      const contentType = options && options.contentType != null ? String(options.contentType)
        : body != null && typeof body.type === 'string' && body.type ? body.type : null;
      const { meta } = await call('files.put', { path, contentType }, await bodyBytes(body));
      return fileView(meta);
    },
    async get(path) {
      requireString(path, 'FILES.get: path');
      const { meta, data } = await call('files.get', { path });
      if (!meta.found) {
        return null;
      }
      const file = meta.file;
      const response = new Response(data || new Uint8Array(0), {
        headers: { 'content-type': file.contentType, 'content-length': String(file.size) },
      });
      Object.defineProperties(response, {
        path: { value: file.path }, size: { value: file.size },
        contentType: { value: file.contentType }, updatedAt: { value: file.updatedAt },
      });
      return response;
    },
    async list(options) {
      const o = options || {};
      const { meta } = await call('files.list', { prefix: o.prefix == null ? null : String(o.prefix),
        cursor: o.cursor == null ? null : String(o.cursor), limit: o.limit == null ? 0 : Number(o.limit) });
      return { files: meta.files.map(fileView), cursor: meta.cursor === null ? undefined : meta.cursor };
    },
    async delete(path) {
      requireString(path, 'FILES.delete: path');
      const { meta } = await call('files.delete', { path });
      return meta.deleted;
    },
  });

  // env: the app's variables and secrets as strings, then the bindings (a variable cannot shadow a binding).
  return function makeEnv(varsJson) {
    const env = Object.assign({}, JSON.parse(varsJson));
    env.KV = KV;
    env.DB = DB;
    env.FILES = FILES;
    env.MAIL = MAIL;
    return Object.freeze(env);
  };
});
