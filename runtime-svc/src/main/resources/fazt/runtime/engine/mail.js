// env.MAIL and the `message` of an app's email(message, env, ctx) handler: the JavaScript surface of MailBindings.
// `host(op, argsJson, bytes, resolve, reject)` is the bindings' host call (AppContext): resolve gets (json,
// Uint8Array or null), reject (message, problemJson), both later on the context thread. `chunkSize` is the largest
// piece mail-svc hands out (MailSubjects.CHUNK_SIZE). Returns { MAIL, open(body) } to AppContext, never to app code.
(function (host, chunkSize) {
  'use strict';
  const TYPE_BASE = 'https://errors.fazt.dev/';

  // An Error with the problem's useful members: status, type (e.g. 'mail/rate-limited'), field, retryAfter.
  function mailError(message, problemJson) {
    let p = {};
    try { p = problemJson ? JSON.parse(problemJson) : {}; } catch (e) { p = {}; }
    const error = new Error(message || p.title || 'mail call failed');
    error.name = 'MailError';
    error.status = typeof p.status === 'number' ? p.status : 500;
    error.type = typeof p.type === 'string' && p.type.startsWith(TYPE_BASE) ? p.type.slice(TYPE_BASE.length) : p.type ?? null;
    error.field = Array.isArray(p.errors) && p.errors.length > 0 ? p.errors[0].field ?? null : null;
    if (p.retryAfter !== undefined) {
      error.retryAfter = p.retryAfter;
    }
    return error;
  }

  function call(op, args, bytes) {
    return new Promise((resolve, reject) => {
      host(op, JSON.stringify(args), bytes === undefined ? null : bytes,
        (json, data) => resolve({ meta: JSON.parse(json), data }),
        (message, problemJson) => reject(mailError(message, problemJson)));
    });
  }

  function isBytes(value) {
    return value instanceof ArrayBuffer || ArrayBuffer.isView(value);
  }

  function asUint8(value) {
    if (value instanceof ArrayBuffer) return new Uint8Array(value);
    return new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
  }

  function toArrayBuffer(bytes) {
    return bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength
      ? bytes.buffer : bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
  }

  function optionalString(value, what) {
    if (value === undefined || value === null) return null;
    if (typeof value !== 'string') throw new TypeError(what + ' must be a string');
    return value;
  }

  // to, cc, bcc: a string or an array of strings; null when absent.
  function recipients(value, what) {
    if (value === undefined || value === null) return null;
    if (typeof value === 'string') return [value];
    if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value.slice();
    throw new TypeError(what + ' must be a string or an array of strings');
  }

  function headerObject(value, what) {
    if (value === undefined || value === null) return null;
    const out = {};
    const entries = value instanceof Headers ? Array.from(value.entries())
      : typeof value === 'object' && !Array.isArray(value) ? Object.entries(value) : null;
    if (entries === null) throw new TypeError(what + ' must be an object or a Headers');
    for (const [name, v] of entries) out[name] = String(v);
    return out;
  }

  async function attachmentBytes(content, what) {
    if (typeof content === 'string') return new TextEncoder().encode(content);
    if (isBytes(content)) return asUint8(content);
    if (content != null && typeof content.arrayBuffer === 'function') return new Uint8Array(await content.arrayBuffer());
    throw new TypeError(what + ' must be a string, an ArrayBuffer, a typed array or a Blob');
  }

  // The message as MailBindings reads it: fields, attachments listed by length, their bytes back to back.
  async function sendArgs(message, what) {
    if (message === null || typeof message !== 'object') throw new TypeError(what + ': the message must be an object');
    const args = {
      from: optionalString(message.from, what + ': from'),
      to: recipients(message.to, what + ': to'),
      cc: recipients(message.cc, what + ': cc'),
      bcc: recipients(message.bcc, what + ': bcc'),
      replyTo: optionalString(message.replyTo, what + ': replyTo'),
      subject: optionalString(message.subject, what + ': subject'),
      text: optionalString(message.text, what + ': text'),
      html: optionalString(message.html, what + ': html'),
      headers: headerObject(message.headers, what + ': headers'),
      inReplyTo: null,
      forwardOf: null,
      attachments: null,
    };
    let bytes;
    if (message.attachments !== undefined && message.attachments !== null) {
      if (!Array.isArray(message.attachments)) throw new TypeError(what + ': attachments must be an array');
      const parts = [];
      args.attachments = [];
      for (const [i, a] of message.attachments.entries()) {
        const name = what + ': attachments[' + i + ']';
        if (a === null || typeof a !== 'object') throw new TypeError(name + ' must be an object');
        const content = await attachmentBytes(a.content, name + '.content');
        parts.push(content);
        args.attachments.push({ filename: optionalString(a.filename, name + '.filename'),
          contentType: optionalString(a.contentType ?? (typeof a.content?.type === 'string' && a.content.type ? a.content.type : null), name + '.contentType'),
          contentId: optionalString(a.contentId, name + '.contentId'), length: content.byteLength });
      }
      const total = parts.reduce((n, p) => n + p.byteLength, 0);
      bytes = new Uint8Array(total);
      let at = 0;
      for (const p of parts) { bytes.set(p, at); at += p.byteLength; }
    }
    return { args, bytes };
  }

  async function send(args, bytes) {
    const { meta } = await call('mail.send', args, bytes);
    return { id: meta.id, messageId: meta.messageId };
  }

  const MAIL = Object.freeze({
    async send(message) {
      const { args, bytes } = await sendArgs(message, 'MAIL.send');
      return send(args, bytes);
    },
  });

  // Reads part `part` (-1: the raw message) of message `id` from `offset`: { total, data }.
  async function readChunk(id, part, offset) {
    const { meta, data } = await call('mail.part', { messageId: id, part, offset, length: chunkSize });
    return { total: meta.total, data: data || new Uint8Array(0) };
  }

  // The whole part as one ArrayBuffer, chunk by chunk.
  async function readAll(id, part, size) {
    let out = new Uint8Array(Math.max(0, size));
    let offset = 0;
    for (;;) {
      const { total, data } = await readChunk(id, part, offset);
      if (out.byteLength < total) {
        const grown = new Uint8Array(total);
        grown.set(out.subarray(0, offset));
        out = grown;
      }
      out.set(data, offset);
      offset += data.byteLength;
      if (offset >= total || data.byteLength === 0) return toArrayBuffer(out.subarray(0, offset));
    }
  }

  // A stream pulling the part chunk by chunk as it is read.
  function partStream(id, part) {
    let offset = 0;
    return new ReadableStream({
      async pull(controller) {
        const { total, data } = await readChunk(id, part, offset);
        offset += data.byteLength;
        if (data.byteLength > 0) controller.enqueue(data);
        if (offset >= total || data.byteLength === 0) controller.close();
      },
    }, { highWaterMark: 0 });
  }

  function headersOf(list) {
    const headers = new Headers();
    for (const h of list || []) {
      try {
        headers.append(h.name, String(h.value ?? '').replace(/[\r\n]+[\t ]*/g, ' ').replace(/\0/g, ''));
      } catch (e) {
        // a header name Fetch does not allow (rare in mail) is left out of message.headers
      }
    }
    return headers;
  }

  function addressOf(header) {
    if (header == null) return null;
    const angled = /<([^<>]+)>/.exec(header);
    return angled ? angled[1].trim() : header.trim();
  }

  // The `message` of email(message, env, ctx) for invoke body {messageId, mailFrom, to, rawSize, subject}: the
  // detail is read from mail-svc once, before the handler runs (headers and attachments are plain properties).
  // setReject, forward and reply are tracked: done() waits for them; a failed setReject fails the invocation.
  async function open(body) {
    if (body === null || typeof body !== 'object' || typeof body.messageId !== 'string') {
      throw new TypeError('the email invocation carries no messageId');
    }
    const id = body.messageId;
    const { meta: detail } = await call('mail.message', { messageId: id });
    const summary = detail.summary || {};
    const headers = headersOf(detail.headers);
    const pending = [];
    const mustSucceed = [];
    let raw = null;
    const track = (promise) => { pending.push(promise.catch(() => undefined)); return promise; };

    const attachments = Object.freeze((detail.attachments || []).map((a) => Object.freeze({
      filename: a.filename ?? null,
      contentType: a.contentType ?? 'application/octet-stream',
      size: a.size,
      contentId: a.contentId ?? null,
      arrayBuffer: () => readAll(id, a.index, a.size),
      text: () => readAll(id, a.index, a.size).then((b) => new TextDecoder().decode(b)),
      stream: () => partStream(id, a.index),
    })));

    const message = Object.freeze({
      messageId: id,
      from: body.mailFrom ?? summary.mailFrom ?? null,
      to: body.to ?? summary.to ?? null,
      subject: summary.subject ?? body.subject ?? null,
      headers,
      get raw() {
        if (raw === null) raw = partStream(id, -1);
        return raw;
      },
      rawSize: typeof body.rawSize === 'number' ? body.rawSize : summary.rawSize,
      attachments,
      auth: detail.auth ? Object.freeze(Object.assign({}, detail.auth)) : null,
      spam: summary.spam === true,
      text: () => Promise.resolve(detail.text ?? null),
      html: () => Promise.resolve(detail.html ?? null),
      setReject(reason) {
        if (typeof reason !== 'string' || reason.length === 0) {
          throw new TypeError('setReject: reason must be a non-empty string');
        }
        const done = call('mail.reject', { messageId: id, reason });
        mustSucceed.push(done);
        track(done);
      },
      forward(rcptTo, extraHeaders) {
        return track((async () => {
          if (typeof rcptTo !== 'string' || rcptTo.length === 0) {
            throw new TypeError('forward: rcptTo must be a non-empty string');
          }
          const args = { from: message.to, to: [rcptTo], cc: null, bcc: null, replyTo: null, subject: null,
            text: null, html: null, headers: headerObject(extraHeaders, 'forward: headers'), inReplyTo: null,
            forwardOf: id, attachments: null };
          return send(args, undefined);
        })());
      },
      reply(reply) {
        return track((async () => {
          const { args, bytes } = await sendArgs(reply, 'reply');
          if (args.from === null) args.from = message.to;
          if (args.to === null) args.to = [addressOf(headers.get('reply-to')) ?? message.from];
          if (args.subject === null && message.subject != null) {
            args.subject = /^re:/i.test(message.subject) ? message.subject : 'Re: ' + message.subject;
          }
          args.inReplyTo = id;
          return send(args, bytes);
        })());
      },
    });

    async function done() {
      await Promise.all(pending);
      await Promise.all(mustSucceed);
    }
    return { message, done };
  }

  return Object.freeze({ MAIL, open });
});
