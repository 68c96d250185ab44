// The functions the engine calls through WebBridge; returned to Java, never reachable from app code.
(function (host, internal) {
  'use strict';
  // captured now: app code replacing these globals later must not change how the platform behaves
  const { ReadableStream, DOMException } = globalThis;
  const describe = (e) => (e && e.stack ? String(e.stack) : e && e.message ? `${e.name || 'Error'}: ${e.message}` : String(e));
  return {
    nativeBase64: internal.nativeBase64,
    fromHost: internal.fromHost,
    // rawHeaders: names and values joined by NUL (WebBridge leaves out lines that hold one: invalid anyway)
    newRequest(method, url, rawHeaders, body) {
      return internal.newRequest(method, url, rawHeaders, body === null || body === undefined ? null : internal.fromHost(body));
    },
    newStreamingRequest(method, url, rawHeaders, pull, cancel) {
      const stream = new ReadableStream({
        pull(c) {
          const chunk = pull();
          if (chunk === false) throw new TypeError('The request body could not be read: the client connection failed');
          if (chunk === null || chunk === undefined) c.close(); else c.enqueue(internal.fromHost(chunk));
        },
        cancel() { cancel(); },
      }, { highWaterMark: 0 });
      return internal.newRequest(method, url, rawHeaders, stream);
    },
    responseHead(response) { return internal.responseHead(response); },
    readChunk(reader, onChunk, onEnd, onError) {
      reader.read().then(({ value, done }) => {
        if (done) { onEnd(); return; }
        let bytes;
        if (value instanceof Uint8Array) bytes = value;
        else if (value instanceof ArrayBuffer || ArrayBuffer.isView(value)) bytes = internal.toBytes(value, 'response body');
        else {
          const e = new TypeError('Response body stream chunks must be Uint8Array (or another BufferSource), got ' + (value === null ? 'null' : typeof value));
          reader.cancel(e).catch(() => {});
          onError(describe(e));
          return;
        }
        onChunk(bytes);
      }, (e) => onError(describe(e)));
    },
    abortRequest(request, reason) { internal.abortSignal(request.signal, new DOMException(String(reason), 'AbortError')); },
    cancel(reader, reason) { reader.cancel(new DOMException(String(reason), 'AbortError')).catch(() => {}); },
    describe,
  };
});
