// crypto.getRandomValues, crypto.randomUUID and the crypto.subtle subset: digest (SHA-1/256/384/512) and HMAC keys
// (importKey raw/jwk, generateKey, exportKey, sign, verify). The primitives run in the host (JDK providers).
(function (host, internal) {
  'use strict';
  // captured now: app code replacing these globals later must not change how the platform behaves
  const { DOMException, btoa } = globalThis;
  const HASHES = { 'SHA-1': 512, 'SHA-256': 512, 'SHA-384': 1024, 'SHA-512': 1024 }; // name -> block size in bits
  const notSupported = (what) => new DOMException(`Unrecognized algorithm name: ${what}`, 'NotSupportedError');
  const normalizeHash = (alg) => {
    const name = typeof alg === 'string' ? alg : alg && alg.name !== undefined ? String(alg.name) : undefined;
    if (name === undefined) throw new TypeError("Failed to execute on 'SubtleCrypto': Algorithm: name: Missing or not a string");
    const upper = name.toUpperCase();
    if (!Object.prototype.hasOwnProperty.call(HASHES, upper)) throw notSupported(name);
    return upper;
  };
  const algorithmName = (alg) => {
    const name = typeof alg === 'string' ? alg : alg && alg.name !== undefined ? String(alg.name) : undefined;
    if (name === undefined) throw new TypeError("Failed to execute on 'SubtleCrypto': Algorithm: name: Missing or not a string");
    return name;
  };
  const bytesOf = (data, what) => internal.toBytes(data, `Failed to execute '${what}' on 'SubtleCrypto'`);
  const INTEGER_ARRAYS = [Int8Array, Uint8Array, Uint8ClampedArray, Int16Array, Uint16Array, Int32Array, Uint32Array,
    typeof BigInt64Array !== 'undefined' ? BigInt64Array : null, typeof BigUint64Array !== 'undefined' ? BigUint64Array : null].filter(Boolean);
  const MAX_RANDOM = 65536;

  let constructingKey = false;
  const kKey = Symbol('key');
  class CryptoKey {
    constructor() { if (!constructingKey) throw new TypeError('Illegal constructor'); }
    get type() { return this[kKey].type; }
    get extractable() { return this[kKey].extractable; }
    get algorithm() { return { ...this[kKey].algorithm, hash: { ...this[kKey].algorithm.hash } }; }
    get usages() { return this[kKey].usages.slice(); }
  }
  Object.defineProperty(CryptoKey.prototype, Symbol.toStringTag, { value: 'CryptoKey', configurable: true });
  const newHmacKey = (bytes, hash, extractable, usages) => {
    constructingKey = true;
    let key;
    try { key = new CryptoKey(); } finally { constructingKey = false; }
    Object.defineProperty(key, kKey, { value: { type: 'secret', extractable: !!extractable, usages, bytes,
      algorithm: { name: 'HMAC', hash: { name: hash }, length: bytes.length * 8 } } });
    return key;
  };
  const checkUsages = (usages) => {
    const list = Array.from(usages || [], String);
    for (const u of list) {
      if (u !== 'sign' && u !== 'verify') throw new DOMException(`Cannot create a key using the specified key usages: ${u}`, 'SyntaxError');
    }
    if (list.length === 0) throw new DOMException('Usages cannot be empty when creating a key.', 'SyntaxError');
    return [...new Set(list)];
  };
  const hmacAlgorithm = (alg) => {
    const name = algorithmName(alg);
    if (name.toUpperCase() !== 'HMAC') throw notSupported(name);
    if (typeof alg !== 'object' || alg.hash === undefined) throw new TypeError("Failed to execute on 'SubtleCrypto': HmacImportParams: hash: Missing");
    return { hash: normalizeHash(alg.hash), length: alg.length === undefined ? undefined : Number(alg.length) };
  };
  const b64url = (bytes) => btoa(internal.toLatin1(bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  const checkKey = (key, usage, alg) => {
    if (!(key instanceof CryptoKey)) throw new TypeError("Failed to execute on 'SubtleCrypto': parameter 2 is not of type 'CryptoKey'.");
    if (algorithmName(alg).toUpperCase() !== key[kKey].algorithm.name) throw new DOMException('The requested operation is not valid for the provided key', 'InvalidAccessError');
    if (!key[kKey].usages.includes(usage)) throw new DOMException(`The requested operation is not valid for the provided key (usage ${usage} not allowed)`, 'InvalidAccessError');
  };
  const hmac = (key, data) => internal.fromLatin1(host.hmac(key[kKey].algorithm.hash.name, key[kKey].bytes, data));

  const subtle = {
    async digest(algorithm, data) {
      const hash = normalizeHash(algorithm);
      return internal.fromLatin1(host.digest(hash, bytesOf(data, 'digest'))).buffer;
    },
    async importKey(format, keyData, algorithm, extractable, keyUsages) {
      const { hash, length } = hmacAlgorithm(algorithm);
      const usages = checkUsages(keyUsages);
      let bytes;
      if (format === 'raw') bytes = bytesOf(keyData, 'importKey').slice();
      else if (format === 'jwk') {
        if (!keyData || keyData.kty !== 'oct' || typeof keyData.k !== 'string') throw new DOMException('The JWK is not a valid oct key', 'DataError');
        bytes = internal.decodeBase64(keyData.k.replace(/-/g, '+').replace(/_/g, '/'));
        if (bytes === null) throw new DOMException('The JWK "k" member is not valid base64url', 'DataError');
        if (keyData.alg !== undefined && keyData.alg !== 'HS' + hash.slice(4)) throw new DOMException('The JWK "alg" member does not match the hash', 'DataError');
      } else throw new DOMException(`Unsupported key format: ${format}`, 'NotSupportedError');
      if (bytes.length === 0) throw new DOMException('HMAC key data must not be empty', 'DataError');
      if (length !== undefined && (length > bytes.length * 8 || length <= (bytes.length - 1) * 8)) {
        throw new DOMException('The key length does not match the key data', 'DataError');
      }
      return newHmacKey(bytes, hash, extractable, usages);
    },
    async generateKey(algorithm, extractable, keyUsages) {
      const { hash, length } = hmacAlgorithm(algorithm);
      const usages = checkUsages(keyUsages);
      const bits = length === undefined ? HASHES[hash] : length;
      if (!(bits > 0) || bits % 8 !== 0) throw new DOMException('The HMAC key length must be a positive multiple of 8', 'OperationError');
      return newHmacKey(internal.fromLatin1(host.randomBytes(bits / 8)), hash, extractable, usages);
    },
    async exportKey(format, key) {
      if (!(key instanceof CryptoKey)) throw new TypeError("Failed to execute 'exportKey' on 'SubtleCrypto': parameter 2 is not of type 'CryptoKey'.");
      if (!key[kKey].extractable) throw new DOMException('key is not extractable', 'InvalidAccessError');
      const k = key[kKey];
      if (format === 'raw') return k.bytes.slice().buffer;
      if (format === 'jwk') {
        return { kty: 'oct', k: b64url(k.bytes), alg: 'HS' + k.algorithm.hash.name.slice(4), key_ops: k.usages.slice(), ext: true };
      }
      throw new DOMException(`Unsupported key format: ${format}`, 'NotSupportedError');
    },
    async sign(algorithm, key, data) {
      checkKey(key, 'sign', algorithm);
      return hmac(key, bytesOf(data, 'sign')).buffer;
    },
    async verify(algorithm, key, signature, data) {
      checkKey(key, 'verify', algorithm);
      const expected = hmac(key, bytesOf(data, 'verify'));
      const given = bytesOf(signature, 'verify');
      if (given.length !== expected.length) return false;
      let diff = 0; // constant time in the signature's content
      for (let i = 0; i < expected.length; i++) diff |= expected[i] ^ given[i];
      return diff === 0;
    },
  };
  for (const name of ['encrypt', 'decrypt', 'deriveKey', 'deriveBits', 'wrapKey', 'unwrapKey']) {
    subtle[name] = async () => { throw new DOMException(`crypto.subtle.${name} is not supported by this runtime`, 'NotSupportedError'); };
  }
  Object.defineProperty(subtle, Symbol.toStringTag, { value: 'SubtleCrypto', configurable: true });

  const crypto = {
    get subtle() { return subtle; },
    getRandomValues(array) {
      if (!INTEGER_ARRAYS.some((T) => array instanceof T)) {
        throw new DOMException("Failed to execute 'getRandomValues' on 'Crypto': The provided ArrayBufferView is of type '" +
          (array && array.constructor ? array.constructor.name : typeof array) + "', which is not an integer array type.", 'TypeMismatchError');
      }
      if (array.byteLength > MAX_RANDOM) {
        throw new DOMException(`Failed to execute 'getRandomValues' on 'Crypto': The ArrayBufferView's byte length (${array.byteLength}) exceeds the number of bytes of entropy available via this API (${MAX_RANDOM}).`, 'QuotaExceededError');
      }
      const random = internal.fromLatin1(host.randomBytes(array.byteLength));
      new Uint8Array(array.buffer, array.byteOffset, array.byteLength).set(random);
      return array;
    },
    randomUUID() {
      const b = internal.fromLatin1(host.randomBytes(16));
      b[6] = (b[6] & 0x0f) | 0x40;
      b[8] = (b[8] & 0x3f) | 0x80;
      const h = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
      return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
    },
  };
  Object.defineProperty(crypto, Symbol.toStringTag, { value: 'Crypto', configurable: true });
  internal.define('crypto', crypto);
  internal.define('CryptoKey', CryptoKey);
});
