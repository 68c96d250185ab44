// ReadableStream with its default controller and reader (Streams Standard), async iteration and ReadableStream.from.
(function (host, internal) {
  'use strict';
  const kState = Symbol('streamState');
  const deferred = () => {
    let resolve, reject;
    const promise = new Promise((a, b) => { resolve = a; reject = b; });
    return { promise, resolve, reject };
  };
  const markHandled = (p) => { p.catch(() => {}); return p; };

  class ReadableStreamDefaultController {
    constructor() { throw new TypeError('Illegal constructor'); }
    get desiredSize() { return desiredSize(this[kState]); }
    enqueue(chunk) {
      const s = this[kState];
      if (s.closeRequested || s.state !== 'readable') throw new TypeError('Invalid state: ReadableStream is closed or errored');
      enqueue(s, chunk);
    }
    close() {
      const s = this[kState];
      if (s.closeRequested || s.state !== 'readable') throw new TypeError('Invalid state: ReadableStream is already closed');
      s.closeRequested = true;
      if (s.queue.length === 0) closeStream(s);
    }
    error(e) { if (this[kState].state === 'readable') errorStream(this[kState], e); }
  }
  Object.defineProperty(ReadableStreamDefaultController.prototype, Symbol.toStringTag, { value: 'ReadableStreamDefaultController', configurable: true });

  const desiredSize = (s) => s.state === 'errored' ? null : s.state === 'closed' ? 0 : s.highWaterMark - s.queueTotalSize;

  const enqueue = (s, chunk) => {
    if (s.reader && s.reader.readRequests.length > 0) {
      s.reader.readRequests.shift().resolve({ value: chunk, done: false });
    } else {
      let size = 1;
      try {
        size = s.size ? Number(s.size(chunk)) : 1;
        if (!(size >= 0) || size === Infinity) throw new RangeError('The return value of a queuing strategy\'s size function must be a finite, non-NaN, non-negative number');
      } catch (e) { errorStream(s, e); throw e; }
      s.queue.push({ chunk, size });
      s.queueTotalSize += size;
    }
    callPullIfNeeded(s);
  };

  const closeStream = (s) => {
    if (s.state !== 'readable') return;
    s.state = 'closed';
    const r = s.reader;
    if (r) {
      for (const req of r.readRequests.splice(0)) req.resolve({ value: undefined, done: true });
      r.closed.resolve(undefined);
    }
    s.pullFn = s.cancelFn = null;
  };
  const errorStream = (s, e) => {
    if (s.state !== 'readable') return;
    s.state = 'errored';
    s.storedError = e;
    s.queue = []; s.queueTotalSize = 0;
    const r = s.reader;
    if (r) {
      for (const req of r.readRequests.splice(0)) req.reject(e);
      markHandled(r.closed.promise);
      r.closed.reject(e);
    }
    s.pullFn = s.cancelFn = null;
  };
  const callPullIfNeeded = (s) => {
    if (!s.started || s.state !== 'readable' || s.closeRequested || !s.pullFn) return;
    const wanted = (s.reader && s.reader.readRequests.length > 0) || desiredSize(s) > 0;
    if (!wanted) return;
    if (s.pulling) { s.pullAgain = true; return; }
    s.pulling = true;
    let p;
    try { p = Promise.resolve(s.pullFn(s.controller)); } catch (e) { p = Promise.reject(e); }
    p.then(() => {
      s.pulling = false;
      if (s.pullAgain) { s.pullAgain = false; callPullIfNeeded(s); }
    }, (e) => errorStream(s, e));
  };
  const cancelStream = (s, reason) => {
    s.disturbed = true;
    if (s.state === 'closed') return Promise.resolve(undefined);
    if (s.state === 'errored') return Promise.reject(s.storedError);
    const cancelFn = s.cancelFn;
    s.queue = []; s.queueTotalSize = 0;
    closeStream(s);
    let p;
    try { p = Promise.resolve(cancelFn ? cancelFn(reason) : undefined); } catch (e) { p = Promise.reject(e); }
    return p.then(() => undefined);
  };

  const readFrom = (s) => {
    s.disturbed = true;
    if (s.state === 'closed') return Promise.resolve({ value: undefined, done: true });
    if (s.state === 'errored') return Promise.reject(s.storedError);
    if (s.queue.length > 0) {
      const { chunk, size } = s.queue.shift();
      s.queueTotalSize -= size;
      if (s.queue.length === 0) s.queueTotalSize = 0;
      if (s.closeRequested && s.queue.length === 0) closeStream(s);
      else callPullIfNeeded(s);
      return Promise.resolve({ value: chunk, done: false });
    }
    const d = deferred();
    s.reader.readRequests.push(d);
    callPullIfNeeded(s);
    return d.promise;
  };

  class ReadableStreamDefaultReader {
    constructor(stream) {
      if (!(stream instanceof ReadableStream)) throw new TypeError("Failed to construct 'ReadableStreamDefaultReader': parameter 1 is not of type 'ReadableStream'.");
      const s = stream[kState];
      if (s.reader) throw new TypeError("Failed to construct 'ReadableStreamDefaultReader': ReadableStreamDefaultReader constructor can only accept readable streams that are not yet locked to a reader");
      this[kState] = { stream: s, readRequests: [], closed: deferred() };
      markHandled(this[kState].closed.promise);
      s.reader = this[kState];
      if (s.state === 'closed') this[kState].closed.resolve(undefined);
      else if (s.state === 'errored') this[kState].closed.reject(s.storedError);
    }
    get closed() { return this[kState].closed.promise; }
    read() {
      const r = this[kState];
      if (!r.stream) return Promise.reject(new TypeError('This readable stream reader has been released and cannot be used to read from its previous owner stream'));
      return readFrom(r.stream);
    }
    releaseLock() {
      const r = this[kState];
      if (!r.stream) return;
      const e = new TypeError('Releasing reader');
      for (const req of r.readRequests.splice(0)) req.reject(e);
      if (r.stream.state === 'readable') r.closed.reject(e);
      else { r.closed = deferred(); r.closed.reject(e); }
      markHandled(r.closed.promise);
      r.stream.reader = null;
      r.stream = null;
    }
    cancel(reason) {
      const r = this[kState];
      if (!r.stream) return Promise.reject(new TypeError('This readable stream reader has been released and cannot be used to cancel its previous owner stream'));
      return cancelStream(r.stream, reason);
    }
  }
  Object.defineProperty(ReadableStreamDefaultReader.prototype, Symbol.toStringTag, { value: 'ReadableStreamDefaultReader', configurable: true });

  const AsyncIteratorPrototype = Object.getPrototypeOf(Object.getPrototypeOf(async function* () {}).prototype);

  class ReadableStream {
    constructor(underlyingSource = undefined, strategy = {}) {
      const src = underlyingSource == null ? {} : underlyingSource;
      strategy = strategy == null ? {} : strategy;
      if (src.type !== undefined && String(src.type) !== 'bytes') {
        throw new TypeError(`Failed to construct 'ReadableStream': The provided value '${src.type}' is not a valid enum value of type ReadableStreamType.`);
      }
      let hwm = strategy.highWaterMark === undefined ? 1 : Number(strategy.highWaterMark);
      if (Number.isNaN(hwm) || hwm < 0) throw new RangeError("Failed to construct 'ReadableStream': Cannot construct a ReadableStream with a negative or NaN highWaterMark");
      if (src.type === 'bytes' && strategy.highWaterMark === undefined) hwm = 0;
      const bind = (name) => {
        const f = src[name];
        if (f === undefined) return null;
        if (typeof f !== 'function') throw new TypeError(`Failed to construct 'ReadableStream': ${name} is not a function`);
        return (arg) => f.call(src, arg);
      };
      const s = {
        state: 'readable', queue: [], queueTotalSize: 0, highWaterMark: hwm,
        size: typeof strategy.size === 'function' ? strategy.size : null,
        started: false, pulling: false, pullAgain: false, closeRequested: false, disturbed: false,
        reader: null, storedError: undefined, pullFn: bind('pull'), cancelFn: bind('cancel'),
      };
      const startFn = bind('start');
      Object.defineProperty(this, kState, { value: s });
      s.controller = Object.create(ReadableStreamDefaultController.prototype);
      Object.defineProperty(s.controller, kState, { value: s });
      const started = Promise.resolve(startFn ? startFn(s.controller) : undefined);
      started.then(() => { s.started = true; callPullIfNeeded(s); }, (e) => errorStream(s, e));
    }
    get locked() { return this[kState].reader !== null; }
    cancel(reason) {
      if (this.locked) return Promise.reject(new TypeError("Failed to execute 'cancel' on 'ReadableStream': Cannot cancel a locked stream"));
      return cancelStream(this[kState], reason);
    }
    getReader(options = {}) {
      if (options && options.mode !== undefined) {
        if (String(options.mode) === 'byob') throw new TypeError("Failed to execute 'getReader' on 'ReadableStream': BYOB readers are not supported");
        throw new TypeError(`Failed to execute 'getReader' on 'ReadableStream': The provided value '${options.mode}' is not a valid enum value of type ReadableStreamReaderMode.`);
      }
      return new ReadableStreamDefaultReader(this);
    }
    tee() {
      const reader = this.getReader();
      let canceled = 0, reasons = [];
      const cancelDone = deferred();
      let branches;
      let reading = false;
      const pull = () => {
        if (reading) return;
        reading = true;
        return reader.read().then(({ value, done }) => {
          reading = false;
          for (const b of branches) {
            const bs = b[kState];
            if (bs.state !== 'readable' || bs.closeRequested) continue;
            if (done) b[kState].controller.close();
            else bs.controller.enqueue(value);
          }
          if (done) cancelDone.resolve();
        }, (e) => { for (const b of branches) errorStream(b[kState], e); cancelDone.resolve(); });
      };
      const cancel = (i) => (reason) => {
        reasons[i] = reason;
        if (++canceled === 2) { reader.cancel(reasons).then(cancelDone.resolve, cancelDone.resolve); }
        return cancelDone.promise;
      };
      branches = [new ReadableStream({ pull, cancel: cancel(0) }, { highWaterMark: 0 }),
        new ReadableStream({ pull, cancel: cancel(1) }, { highWaterMark: 0 })];
      return branches;
    }
    async pipeTo(destination, options = {}) {
      if (this.locked) throw new TypeError("Failed to execute 'pipeTo' on 'ReadableStream': Cannot pipe a locked stream");
      const writer = destination.getWriter();
      const reader = this.getReader();
      const signal = options && options.signal;
      try {
        for (;;) {
          if (signal && signal.aborted) throw signal.reason;
          const { value, done } = await reader.read();
          if (done) break;
          await writer.write(value);
        }
        if (!(options && options.preventClose)) await writer.close();
      } catch (e) {
        if (!(options && options.preventAbort)) await writer.abort(e).catch(() => {});
        if (!(options && options.preventCancel)) await reader.cancel(e).catch(() => {});
        throw e;
      } finally {
        reader.releaseLock();
        writer.releaseLock();
      }
    }
    pipeThrough(transform, options = {}) {
      if (this.locked) throw new TypeError("Failed to execute 'pipeThrough' on 'ReadableStream': Cannot pipe a locked stream");
      markHandled(this.pipeTo(transform.writable, options));
      return transform.readable;
    }
    values(options = {}) {
      const reader = this.getReader();
      const preventCancel = !!(options && options.preventCancel);
      const it = Object.create(AsyncIteratorPrototype);
      let finished = false;
      it.next = async () => {
        if (finished) return { value: undefined, done: true };
        try {
          const r = await reader.read();
          if (r.done) { finished = true; reader.releaseLock(); }
          return r;
        } catch (e) { finished = true; reader.releaseLock(); throw e; }
      };
      it.return = async (value) => {
        if (!finished) {
          finished = true;
          if (!preventCancel) await reader.cancel(value);
          reader.releaseLock();
        }
        return { value, done: true };
      };
      return it;
    }
    [Symbol.asyncIterator](options) { return this.values(options); }
    static from(asyncIterable) {
      if (asyncIterable instanceof ReadableStream) return asyncIterable;
      const method = asyncIterable != null && (asyncIterable[Symbol.asyncIterator] || asyncIterable[Symbol.iterator]);
      if (typeof method !== 'function') throw new TypeError("Failed to execute 'from' on 'ReadableStream': The provided value is not iterable.");
      const iterator = method.call(asyncIterable);
      return new ReadableStream({
        async pull(c) {
          const r = await iterator.next();
          if (r.done) c.close(); else c.enqueue(await r.value);
        },
        async cancel(reason) { if (typeof iterator.return === 'function') await iterator.return(reason); },
      }, { highWaterMark: 0 });
    }
  }
  Object.defineProperty(ReadableStream.prototype, Symbol.toStringTag, { value: 'ReadableStream', configurable: true });

  // ---- WritableStream and TransformStream: the subset pipeThrough and Hono's stream helpers use ----
  class WritableStreamDefaultWriter {
    constructor(stream) {
      if (stream[kState].writer) throw new TypeError('WritableStream is locked');
      this[kState] = stream[kState];
      stream[kState].writer = this;
    }
    get closed() { return this[kState].closed.promise; }
    get ready() { return Promise.resolve(undefined); }
    get desiredSize() { return this[kState].state === 'writable' ? 1 : 0; }
    write(chunk) { return this[kState].enqueueOp('write', chunk); }
    close() { return this[kState].enqueueOp('close'); }
    abort(reason) { return this[kState].abort(reason); }
    releaseLock() { if (this[kState]) { this[kState].writer = null; } }
  }
  class WritableStream {
    constructor(sink = {}) {
      sink = sink == null ? {} : sink;
      const s = { state: 'writable', writer: null, closed: deferred(), chain: Promise.resolve(), error: undefined };
      markHandled(s.closed.promise);
      const controller = { error: (e) => { if (s.state === 'writable') { s.state = 'errored'; s.error = e; s.closed.reject(e); } }, signal: internal.newSignal() };
      const call = (name, arg) => (typeof sink[name] === 'function' ? sink[name].call(sink, arg, controller) : undefined);
      s.chain = Promise.resolve().then(() => call('start', controller));
      s.enqueueOp = (op, chunk) => {
        if (s.state !== 'writable') return Promise.reject(s.error || new TypeError('WritableStream is closed'));
        if (op === 'close') s.state = 'closing';
        const p = s.chain.then(() => {
          if (s.state === 'errored') throw s.error;
          return op === 'write' ? call('write', chunk) : call('close');
        }).then(() => { if (op === 'close') { s.state = 'closed'; s.closed.resolve(undefined); } },
          (e) => { if (s.state !== 'errored') { s.state = 'errored'; s.error = e; s.closed.reject(e); } throw e; });
        s.chain = p.catch(() => {});
        return p;
      };
      s.abort = async (reason) => {
        if (s.state === 'closed' || s.state === 'errored') return;
        s.state = 'errored'; s.error = reason; s.closed.reject(reason);
        if (typeof sink.abort === 'function') await sink.abort.call(sink, reason);
      };
      Object.defineProperty(this, kState, { value: s });
    }
    get locked() { return this[kState].writer !== null; }
    getWriter() { return new WritableStreamDefaultWriter(this); }
    abort(reason) { return this[kState].abort(reason); }
    close() { return this[kState].enqueueOp('close'); }
  }
  Object.defineProperty(WritableStream.prototype, Symbol.toStringTag, { value: 'WritableStream', configurable: true });

  class TransformStream {
    constructor(transformer = {}, writableStrategy = {}, readableStrategy = {}) {
      transformer = transformer == null ? {} : transformer;
      let readableController;
      const readable = new ReadableStream({ start(c) { readableController = c; } }, readableStrategy);
      const controller = {
        enqueue: (chunk) => readableController.enqueue(chunk),
        error: (e) => readableController.error(e),
        terminate: () => { try { readableController.close(); } catch (e) { /* already closed */ } },
        get desiredSize() { return readableController.desiredSize; },
      };
      const writable = new WritableStream({
        start: () => (typeof transformer.start === 'function' ? transformer.start.call(transformer, controller) : undefined),
        write: (chunk) => (typeof transformer.transform === 'function' ? transformer.transform.call(transformer, chunk, controller) : controller.enqueue(chunk)),
        close: async () => {
          if (typeof transformer.flush === 'function') await transformer.flush.call(transformer, controller);
          controller.terminate();
        },
        abort: (reason) => controller.error(reason),
      }, writableStrategy);
      this.readable = readable;
      this.writable = writable;
    }
  }
  Object.defineProperty(TransformStream.prototype, Symbol.toStringTag, { value: 'TransformStream', configurable: true });

  internal.streamOf = (bytes) => new ReadableStream({
    start(c) { if (bytes.length) c.enqueue(bytes.slice()); c.close(); },
  });
  internal.isDisturbed = (stream) => stream[kState].disturbed;
  /** Reads a whole stream of Uint8Array chunks into one Uint8Array. */
  internal.readAll = async (stream) => {
    const reader = stream.getReader();
    const chunks = [];
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      if (!(value instanceof Uint8Array)) {
        const e = new TypeError('Received non-Uint8Array chunk');
        reader.cancel(e).catch(() => {});
        throw e;
      }
      chunks.push(value);
    }
    return internal.concat(chunks);
  };
  internal.define('ReadableStream', ReadableStream);
  internal.define('ReadableStreamDefaultReader', ReadableStreamDefaultReader);
  internal.define('ReadableStreamDefaultController', ReadableStreamDefaultController);
  internal.define('WritableStream', WritableStream);
  internal.define('WritableStreamDefaultWriter', WritableStreamDefaultWriter);
  internal.define('TransformStream', TransformStream);
});
