// CommonJS for app code and the standard library, Node's way: a module cache per context (a module is in the cache
// before its body runs, so a cycle sees the partial exports, as in Node), require.resolve, JSON files, and require()
// of an ES module returning its namespace. Host functions come from ModuleGlobals; nothing here is reachable from
// app code except the require functions themselves (the absolute loader goes to the loader module that only the ES
// wrappers of CommonJS files know the path of; nothing is put on the global scope).
(function (resolveHost, kindHost, textHost, compileHost, importHost) {
  'use strict';
  const cache = new Map();

  function notFound(specifier, from) {
    const error = new Error("Cannot find module '" + specifier + "' from '" + display(from) + "'");
    error.code = 'MODULE_NOT_FOUND';
    return error;
  }

  function display(path) {
    return path.startsWith('/app/') ? path.substring(5) : path.substring(1);
  }

  function dirname(path) {
    const slash = path.lastIndexOf('/');
    return slash <= 0 ? '/' : path.substring(0, slash);
  }

  function load(path) {
    const cached = cache.get(path);
    if (cached !== undefined) {
      return cached.exports;
    }
    const kind = kindHost(path);
    if (kind === 'json') {
      const record = { exports: JSON.parse(textHost(path)) };
      cache.set(path, record);
      return record.exports;
    }
    if (kind === 'esm') {
      const record = { exports: importHost(path) };
      cache.set(path, record);
      return record.exports;
    }
    const module = { id: display(path), filename: display(path), loaded: false, exports: {}, children: [] };
    cache.set(path, module);
    const dir = dirname(path);
    const body = compileHost(path);
    try {
      body.call(module.exports, module.exports, makeRequire(dir), module, display(path), display(dir));
    } catch (e) {
      cache.delete(path);
      throw e;
    }
    module.loaded = true;
    return module.exports;
  }

  function makeRequire(dir) {
    function require(specifier) {
      if (typeof specifier !== 'string') {
        throw new TypeError('The "id" argument must be of type string');
      }
      const path = resolveHost(dir, specifier);
      if (path == null) {
        throw notFound(specifier, dir);
      }
      return load(path);
    }
    require.resolve = function resolve(specifier) {
      const path = resolveHost(dir, String(specifier));
      if (path == null) {
        throw notFound(specifier, dir);
      }
      return display(path);
    };
    return require;
  }

  // Loads a file by absolute path for an ES wrapper; a path that is not a file of the bundle is "Cannot find module".
  function requireAbsolute(path) {
    const resolved = typeof path === 'string' ? resolveHost('/', path) : null;
    if (resolved == null) {
      throw notFound(String(path), '/');
    }
    return load(resolved);
  }

  return { makeRequire, requireAbsolute };
})
