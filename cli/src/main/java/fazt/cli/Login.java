package fazt.cli;

/** A server the CLI may call: the name it is stored under, its admin URL and an API token. */
record Login(String name, ServerAddress server, String token) {
    @Override
    public String toString() {
        // Never let a token reach a log line or an exception message by accident.
        return "Login[" + name + ", " + server.uri() + "]";
    }
}
