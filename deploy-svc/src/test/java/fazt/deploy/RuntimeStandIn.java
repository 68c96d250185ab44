package fazt.deploy;

import fazt.deploy.domain.SiteFile;
import fazt.deploy.domain.SiteFiles;
import fazt.proto.MessageCodec;
import fazt.proto.SubjectRoot;
import fazt.proto.runtime.RuntimeSubjects;
import fazt.proto.runtime.ScriptCheckReply;
import fazt.proto.runtime.ScriptCheckRequest;
import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Stands in for runtime-svc on {@code svc.runtime.check} over real NATS (queue group {@code runtime}). It reads
 * {@code api/main.js} from the committed namespace through storage, as runtime-svc does, so a check only passes when
 * deploy-svc committed the files first. Its rule: code containing {@code @@bad} fails at the line and column of that
 * marker with a SyntaxError; anything else passes.
 */
final class RuntimeStandIn implements AutoCloseable {
    static final String BAD = "@@bad";

    private final Connection nats;
    private final Dispatcher dispatcher;
    private final SiteFiles files;
    final List<ScriptCheckRequest> seen = new CopyOnWriteArrayList<>();

    RuntimeStandIn(Connection nats, SubjectRoot root, SiteFiles files) {
        this.nats = nats;
        this.files = files;
        this.dispatcher = nats.createDispatcher();
        dispatcher.subscribe(root.qualify(RuntimeSubjects.CHECK), "runtime", message -> {
            ScriptCheckRequest request = MessageCodec.INSTANCE.decode(message.getData(), ScriptCheckRequest.class);
            seen.add(request);
            ScriptCheckReply reply;
            try {
                reply = check(request);
            } catch (Exception e) {
                reply = new ScriptCheckReply(false, "api/main.js", 0, 0, "stand-in could not read the code: " + e);
            }
            nats.publish(message.getReplyTo(), MessageCodec.INSTANCE.encode(reply));
        });
    }

    private ScriptCheckReply check(ScriptCheckRequest request) throws Exception {
        SiteFile main = files.stat(request.namespace(), "api/main.js").orElse(null);
        if (main == null) {
            return new ScriptCheckReply(false, "api/main.js", 0, 0, "Error: api/main.js is not in the namespace");
        }
        Path copy = Files.createTempFile("standin-", ".js");
        try {
            files.download(main.digest(), main.size(), copy);
            String[] lines = Files.readString(copy, StandardCharsets.UTF_8).split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                int at = lines[i].indexOf(BAD);
                if (at >= 0) {
                    return new ScriptCheckReply(
                            false, "api/main.js", i + 1, at + 1, "SyntaxError: Unexpected token '@'");
                }
            }
            return ScriptCheckReply.passed();
        } finally {
            Files.deleteIfExists(copy);
        }
    }

    @Override
    public void close() {
        nats.closeDispatcher(dispatcher);
    }
}
