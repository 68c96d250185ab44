package fazt.platform.nats;

import fazt.proto.ServiceName;
import fazt.proto.SubjectGrammar;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Every subject shared-proto declares (without the root), found by reflection, not listed by hand: the string
 * constants of every {@code *Subjects} class that follow the subject grammar, and what their static subject methods
 * give for every service, every value of an enum parameter, or a sample app id; wildcards become one concrete token.
 * Plus every service's inbox space.
 */
final class ProtoSubjects {
    private static final List<String> HEADS = List.of(
            SubjectGrammar.REQUEST,
            SubjectGrammar.EVENT,
            SubjectGrammar.LOG,
            SubjectGrammar.WORK,
            SubjectGrammar.DEAD_LETTER,
            SubjectGrammar.INBOX);
    private static final String SAMPLE = "sample";

    private ProtoSubjects() {}

    static Set<String> all() throws Exception {
        Set<String> subjects = new TreeSet<>();
        for (Class<?> type : subjectClasses()) {
            for (Field field : type.getFields()) {
                if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
                    add(subjects, (String) field.get(null));
                }
            }
            for (Method method : type.getMethods()) {
                if (!Modifier.isStatic(method.getModifiers())
                        || method.getReturnType() != String.class
                        || method.getParameterCount() != 1) {
                    continue;
                }
                Class<?> parameter = method.getParameterTypes()[0];
                if (parameter.isEnum()) {
                    for (Object value : parameter.getEnumConstants()) {
                        add(subjects, (String) method.invoke(null, value));
                    }
                } else if (parameter == String.class) {
                    add(subjects, (String) method.invoke(null, SAMPLE));
                }
            }
        }
        for (ServiceName service : ServiceName.values()) {
            subjects.add(SubjectGrammar.inbox(service) + "." + SAMPLE);
            subjects.add(SubjectGrammar.bodyStreams(service) + "." + SAMPLE);
            subjects.add(SubjectGrammar.progress(service) + "." + SAMPLE);
            subjects.add(SubjectGrammar.deadLetter(service, SAMPLE));
        }
        return subjects;
    }

    private static void add(Set<String> subjects, String value) {
        if (value == null || HEADS.stream().noneMatch(h -> value.startsWith(h + "."))) {
            return;
        }
        subjects.add(value.replace(">", SAMPLE).replace("*", SAMPLE));
    }

    /** The {@code *Subjects} classes of shared-proto, from its classes directory or jar. */
    static List<Class<?>> subjectClasses() throws IOException, URISyntaxException {
        Path location = Path.of(ServiceName.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI());
        if (Files.isDirectory(location)) {
            return scan(location);
        }
        try (FileSystem jar = FileSystems.newFileSystem(location, Map.of())) {
            return scan(jar.getPath("/"));
        }
    }

    private static List<Class<?>> scan(Path base) throws IOException {
        try (Stream<Path> files = Files.walk(base)) {
            return files.map(p -> base.relativize(p).toString())
                    .filter(name -> name.endsWith("Subjects.class") && !name.contains("$"))
                    .map(name ->
                            name.substring(0, name.length() - ".class".length()).replace('/', '.'))
                    .sorted()
                    .<Class<?>>map(ProtoSubjects::load)
                    .toList();
        }
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }
}
