package fazt.runtime.web;

/** One conformance case: a JS async-function body and the result {@link JsHarness#run} must give ("!Name: msg" for a throw). */
record JsCase(String name, String js, String expected) {
    static JsCase of(String name, String js, String expected) {
        return new JsCase(name, js, expected);
    }

    @Override
    public String toString() {
        return name;
    }
}
