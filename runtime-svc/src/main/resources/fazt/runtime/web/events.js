// DOMException, Event, EventTarget, AbortController, AbortSignal (DOM Standard).
(function (host, internal) {
  'use strict';
  const define = (name, value) =>
    Object.defineProperty(globalThis, name, { value, writable: true, configurable: true, enumerable: false });
  internal.define = define;

  const CODES = {
    IndexSizeError: 1, HierarchyRequestError: 3, WrongDocumentError: 4, InvalidCharacterError: 5,
    NoModificationAllowedError: 7, NotFoundError: 8, NotSupportedError: 9, InvalidStateError: 11,
    SyntaxError: 12, InvalidModificationError: 13, NamespaceError: 14, InvalidAccessError: 15,
    TypeMismatchError: 17, SecurityError: 18, NetworkError: 19, AbortError: 20, URLMismatchError: 21,
    QuotaExceededError: 22, TimeoutError: 23, InvalidNodeTypeError: 24, DataCloneError: 25,
  };

  class DOMException extends Error {
    #name; #message;
    constructor(message = '', options = 'Error') {
      super();
      this.#message = String(message);
      if (options !== null && typeof options === 'object') {
        this.#name = 'name' in options ? String(options.name) : 'Error';
        if ('cause' in options) Object.defineProperty(this, 'cause', { value: options.cause, writable: true, configurable: true });
      } else {
        this.#name = String(options);
      }
      if (typeof Error.captureStackTrace === 'function') Error.captureStackTrace(this, DOMException);
    }
    get name() { return this.#name; }
    get message() { return this.#message; }
    get code() { return CODES[this.#name] || 0; }
  }
  Object.defineProperty(DOMException.prototype, Symbol.toStringTag, { value: 'DOMException', configurable: true });
  for (const [k, v] of Object.entries({
    INDEX_SIZE_ERR: 1, DOMSTRING_SIZE_ERR: 2, HIERARCHY_REQUEST_ERR: 3, WRONG_DOCUMENT_ERR: 4,
    INVALID_CHARACTER_ERR: 5, NO_DATA_ALLOWED_ERR: 6, NO_MODIFICATION_ALLOWED_ERR: 7, NOT_FOUND_ERR: 8,
    NOT_SUPPORTED_ERR: 9, INUSE_ATTRIBUTE_ERR: 10, INVALID_STATE_ERR: 11, SYNTAX_ERR: 12,
    INVALID_MODIFICATION_ERR: 13, NAMESPACE_ERR: 14, INVALID_ACCESS_ERR: 15, VALIDATION_ERR: 16,
    TYPE_MISMATCH_ERR: 17, SECURITY_ERR: 18, NETWORK_ERR: 19, ABORT_ERR: 20, URL_MISMATCH_ERR: 21,
    QUOTA_EXCEEDED_ERR: 22, TIMEOUT_ERR: 23, INVALID_NODE_TYPE_ERR: 24, DATA_CLONE_ERR: 25,
  })) {
    Object.defineProperty(DOMException, k, { value: v, enumerable: true });
    Object.defineProperty(DOMException.prototype, k, { value: v, enumerable: true });
  }
  define('DOMException', DOMException);

  const kStop = Symbol('stop'), kStopImmediate = Symbol('stopImmediate'), kCanceled = Symbol('canceled');
  const kDispatch = Symbol('dispatch'), kTarget = Symbol('target'), kCurrent = Symbol('current');

  class Event {
    #type; #bubbles; #cancelable; #composed; #timeStamp;
    constructor(type, init = {}) {
      if (arguments.length === 0) throw new TypeError("Failed to construct 'Event': 1 argument required, but only 0 present.");
      this.#type = String(type);
      init = init == null ? {} : init;
      this.#bubbles = !!init.bubbles;
      this.#cancelable = !!init.cancelable;
      this.#composed = !!init.composed;
      this.#timeStamp = Date.now();
      this[kCanceled] = false; this[kStop] = false; this[kStopImmediate] = false;
      this[kDispatch] = false; this[kTarget] = null; this[kCurrent] = null;
    }
    get type() { return this.#type; }
    get bubbles() { return this.#bubbles; }
    get cancelable() { return this.#cancelable; }
    get composed() { return this.#composed; }
    get timeStamp() { return this.#timeStamp; }
    get target() { return this[kTarget]; }
    get srcElement() { return this[kTarget]; }
    get currentTarget() { return this[kCurrent]; }
    get eventPhase() { return this[kDispatch] ? 2 : 0; }
    get defaultPrevented() { return this[kCanceled]; }
    get returnValue() { return !this[kCanceled]; }
    get isTrusted() { return false; }
    get cancelBubble() { return this[kStop]; }
    set cancelBubble(v) { if (v) this[kStop] = true; }
    composedPath() { return this[kDispatch] && this[kCurrent] ? [this[kCurrent]] : []; }
    preventDefault() { if (this.#cancelable) this[kCanceled] = true; }
    stopPropagation() { this[kStop] = true; }
    stopImmediatePropagation() { this[kStop] = true; this[kStopImmediate] = true; }
  }
  for (const [k, v] of Object.entries({ NONE: 0, CAPTURING_PHASE: 1, AT_TARGET: 2, BUBBLING_PHASE: 3 })) {
    Object.defineProperty(Event, k, { value: v, enumerable: true });
    Object.defineProperty(Event.prototype, k, { value: v, enumerable: true });
  }
  Object.defineProperty(Event.prototype, Symbol.toStringTag, { value: 'Event', configurable: true });
  define('Event', Event);

  class CustomEvent extends Event {
    #detail;
    constructor(type, init = {}) { super(type, init); this.#detail = init && 'detail' in init ? init.detail : null; }
    get detail() { return this.#detail; }
  }
  define('CustomEvent', CustomEvent);

  const reportError = (e) => {
    try { host.log('error', 'Uncaught ' + (e && e.stack ? e.stack : String(e))); } catch (_) { /* ignore */ }
  };
  internal.reportError = reportError;

  const flatten = (options) => (typeof options === 'boolean' ? options : !!(options && options.capture));

  class EventTarget {
    #listeners = new Map();
    addEventListener(type, callback, options) {
      if (arguments.length < 2) throw new TypeError("Failed to execute 'addEventListener' on 'EventTarget': 2 arguments required.");
      if (callback == null) return;
      const capture = flatten(options);
      const once = !!(options && typeof options === 'object' && options.once);
      const signal = options && typeof options === 'object' ? options.signal : undefined;
      if (signal !== undefined && signal.aborted) return;
      type = String(type);
      let list = this.#listeners.get(type);
      if (!list) this.#listeners.set(type, (list = []));
      if (list.some((l) => l.callback === callback && l.capture === capture)) return;
      const entry = { callback, capture, once, removed: false };
      list.push(entry);
      if (signal !== undefined) signal.addEventListener('abort', () => this.removeEventListener(type, callback, { capture }));
    }
    removeEventListener(type, callback, options) {
      const list = this.#listeners.get(String(type));
      if (!list) return;
      const capture = flatten(options);
      const i = list.findIndex((l) => l.callback === callback && l.capture === capture);
      if (i >= 0) { list[i].removed = true; list.splice(i, 1); }
    }
    dispatchEvent(event) {
      if (!(event instanceof Event)) throw new TypeError("Failed to execute 'dispatchEvent' on 'EventTarget': parameter 1 is not of type 'Event'.");
      if (event[kDispatch]) throw new DOMException("Failed to execute 'dispatchEvent' on 'EventTarget': The event is already being dispatched.", 'InvalidStateError');
      event[kDispatch] = true;
      event[kTarget] = this;
      event[kCurrent] = this;
      try {
        const list = this.#listeners.get(event.type);
        if (list) {
          for (const l of list.slice()) {
            if (l.removed) continue;
            if (l.once) this.removeEventListener(event.type, l.callback, { capture: l.capture });
            try {
              if (typeof l.callback === 'function') l.callback.call(this, event);
              else if (l.callback && typeof l.callback.handleEvent === 'function') l.callback.handleEvent(event);
            } catch (e) { reportError(e); }
            if (event[kStopImmediate]) break;
          }
        }
      } finally {
        event[kDispatch] = false;
        event[kCurrent] = null;
        event[kStop] = false; event[kStopImmediate] = false;
      }
      return !event[kCanceled];
    }
  }
  Object.defineProperty(EventTarget.prototype, Symbol.toStringTag, { value: 'EventTarget', configurable: true });
  define('EventTarget', EventTarget);

  // ---- AbortController / AbortSignal ----
  const kReason = Symbol('reason'), kAborted = Symbol('aborted'), kAlgorithms = Symbol('algorithms');
  let constructing = false;
  class AbortSignal extends EventTarget {
    constructor() {
      if (!constructing) throw new TypeError('Illegal constructor');
      super();
      this[kAborted] = false; this[kReason] = undefined; this[kAlgorithms] = [];
      this.onabort = null;
    }
    get aborted() { return this[kAborted]; }
    get reason() { return this[kReason]; }
    throwIfAborted() { if (this[kAborted]) throw this[kReason]; }
    static abort(reason) {
      const s = newSignal();
      abortSignal(s, reason === undefined ? new DOMException('This operation was aborted', 'AbortError') : reason);
      return s;
    }
    static timeout(ms) {
      ms = Number(ms);
      if (!Number.isFinite(ms) || ms < 0) throw new TypeError(`Failed to execute 'timeout' on 'AbortSignal': Value is outside the 'unsigned long long' value range.`);
      const s = newSignal();
      internal.setTimer(() => abortSignal(s, new DOMException('The operation was aborted due to timeout', 'TimeoutError')), ms);
      return s;
    }
    static any(signals) {
      const s = newSignal();
      const list = Array.from(signals);
      for (const x of list) {
        if (!(x instanceof AbortSignal)) throw new TypeError("Failed to execute 'any' on 'AbortSignal': Failed to convert value to 'AbortSignal'.");
        if (x.aborted) { abortSignal(s, x.reason); return s; }
      }
      for (const x of list) x[kAlgorithms].push(() => abortSignal(s, x.reason));
      return s;
    }
  }
  Object.defineProperty(AbortSignal.prototype, Symbol.toStringTag, { value: 'AbortSignal', configurable: true });
  const newSignal = () => { constructing = true; try { return new AbortSignal(); } finally { constructing = false; } };
  const abortSignal = (signal, reason) => {
    if (signal[kAborted]) return;
    signal[kAborted] = true;
    signal[kReason] = reason;
    const algorithms = signal[kAlgorithms];
    signal[kAlgorithms] = [];
    for (const a of algorithms) { try { a(reason); } catch (e) { reportError(e); } }
    const event = new Event('abort');
    if (typeof signal.onabort === 'function') { try { signal.onabort.call(signal, event); } catch (e) { reportError(e); } }
    signal.dispatchEvent(event);
  };
  /** Runs algorithm(reason) when signal aborts; returns a function that unregisters it. */
  internal.onAbort = (signal, algorithm) => {
    signal[kAlgorithms].push(algorithm);
    return () => { const i = signal[kAlgorithms].indexOf(algorithm); if (i >= 0) signal[kAlgorithms].splice(i, 1); };
  };
  internal.isSignal = (x) => x instanceof AbortSignal;
  internal.abortSignal = abortSignal;
  internal.newSignal = newSignal;

  class AbortController {
    #signal = newSignal();
    get signal() { return this.#signal; }
    abort(reason) {
      abortSignal(this.#signal, reason === undefined ? new DOMException('This operation was aborted', 'AbortError') : reason);
    }
  }
  Object.defineProperty(AbortController.prototype, Symbol.toStringTag, { value: 'AbortController', configurable: true });
  define('AbortSignal', AbortSignal);
  define('AbortController', AbortController);
});
