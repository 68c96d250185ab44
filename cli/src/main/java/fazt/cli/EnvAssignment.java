package fazt.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One {@code KEY=VALUE} argument of {@code fazt env set}. The value is taken as written, or read from a file
 * ({@code KEY=@path}) or standard input ({@code KEY=-}), so a secret need not pass through the shell's history;
 * {@code KEY=@@text} is the literal {@code @text}. A value read from a file or stdin loses one trailing line break
 * (as {@code echo} or an editor leaves it), nothing else.
 */
record EnvAssignment(String key, String value) {
    private static final Pattern KEY = Pattern.compile("[A-Z_][A-Z0-9_]*");
    /** The server's limit (32 KiB of UTF-8); larger files are refused before anything is sent. */
    static final int MAX_VALUE_BYTES = 32 * 1024;

    /** Parses every argument before anything is sent, so one bad argument sets nothing. */
    static List<EnvAssignment> parseAll(List<String> args, InputStream stdin) {
        List<EnvAssignment> all = new ArrayList<>();
        Set<String> keys = new HashSet<>();
        boolean stdinUsed = false;
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (eq <= 0) {
                throw new CliFailure("'" + shown(arg) + "': expected KEY=VALUE, KEY=@FILE or KEY=- (value from stdin)");
            }
            String key = arg.substring(0, eq);
            String raw = arg.substring(eq + 1);
            if (!KEY.matcher(key).matches()) {
                throw new CliFailure("'" + shown(key) + "': env var names are upper-case letters, digits and _, "
                        + "not starting with a digit (e.g. API_KEY)");
            }
            if (!keys.add(key)) {
                throw new CliFailure(key + " is given twice");
            }
            String value;
            if (raw.equals("-")) {
                if (stdinUsed) {
                    throw new CliFailure("only one value can come from stdin (KEY=-)");
                }
                stdinUsed = true;
                value = read(key, "stdin", () -> stdin.readNBytes(MAX_VALUE_BYTES + 3));
            } else if (raw.startsWith("@@")) {
                value = raw.substring(1);
            } else if (raw.startsWith("@")) {
                Path file = Path.of(raw.substring(1));
                value = read(key, file.toString(), () -> {
                    try (InputStream in = Files.newInputStream(file)) {
                        return in.readNBytes(MAX_VALUE_BYTES + 3);
                    }
                });
            } else {
                value = raw;
            }
            all.add(new EnvAssignment(key, value));
        }
        return all;
    }

    private interface Source {
        byte[] read() throws IOException;
    }

    private static String read(String key, String from, Source source) {
        byte[] bytes;
        try {
            bytes = source.read();
        } catch (NoSuchFileException e) {
            throw new CliFailure(key + ": no such file " + from);
        } catch (IOException e) {
            throw new CliFailure(
                    key + ": cannot read " + from + " (" + e.getClass().getSimpleName() + ")");
        }
        int length = bytes.length;
        if (length > 0 && bytes[length - 1] == '\n') {
            length--;
            if (length > 0 && bytes[length - 1] == '\r') {
                length--;
            }
        }
        if (length > MAX_VALUE_BYTES) {
            throw new CliFailure(
                    key + ": the value from " + from + " is larger than 32 KiB, the most a value may hold");
        }
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, 0, length))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new CliFailure(
                    key + ": the value from " + from + " is not UTF-8 text (encode binary data, e.g. base64)");
        }
    }

    /** An argument as echoed in an error: never a value, at most 40 characters of the name part. */
    private static String shown(String arg) {
        int eq = arg.indexOf('=');
        String name = eq >= 0 ? arg.substring(0, eq) + "=…" : arg;
        return name.length() > 40 ? name.substring(0, 40) + "…" : name;
    }
}
