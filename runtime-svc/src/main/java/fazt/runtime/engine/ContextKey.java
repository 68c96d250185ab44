package fazt.runtime.engine;

/** One app version's code, as contexts are pooled: the app, its version number and the namespace holding it. */
record ContextKey(String appId, int version, String namespace) {}
