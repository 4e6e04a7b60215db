package io.sbc.policy.load;

import io.sbc.policy.PolicySnapshot;
import io.sbc.policy.compile.PolicyCompiler;
import io.sbc.policy.model.Policy;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * Loads a policy file: YAML to a node tree with positions (snakeyaml-engine Compose), binding with
 * validation into the model, compilation into a {@link PolicySnapshot}. Never throws for anything a
 * file can contain: every problem comes back in the {@link LoadResult}. Thread-safe (stateless
 * except the generation counter).
 */
public final class PolicyLoader {
    /** Largest policy file read (characters); bounds memory and time on a wrong file. */
    public static final int MAX_FILE_CHARS = 4 * 1024 * 1024;
    /** Alias expansion bound against "billion laughs" documents. */
    static final int MAX_ALIASES = 50;

    private final Function<String, String> environment;
    private final AtomicLong generations = new AtomicLong();

    public PolicyLoader(Function<String, String> environment) {
        this.environment = environment;
    }

    /** A loader that resolves {@code ${env:..}} from this process's environment. */
    public static PolicyLoader withSystemEnvironment() {
        return new PolicyLoader(System::getenv);
    }

    public LoadResult load(Path file) {
        String label = file.toString();
        Problems problems = new Problems(label);
        String text;
        try {
            if (!Files.isRegularFile(file)) {
                problems.add(new Position(label, 1, 1), "", "cannot read policy file: no such file");
                return new LoadResult(null, problems.sorted());
            }
            if (Files.size(file) > MAX_FILE_CHARS) {
                problems.add(new Position(label, 1, 1), "", "policy file is larger than " + MAX_FILE_CHARS + " bytes");
                return new LoadResult(null, problems.sorted());
            }
            byte[] bytes = Files.readAllBytes(file);
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            problems.add(new Position(label, 1, 1), "", "policy file is not UTF-8 text");
            return new LoadResult(null, problems.sorted());
        } catch (IOException e) {
            problems.add(new Position(label, 1, 1), "", "cannot read policy file: " + e.getClass().getSimpleName());
            return new LoadResult(null, problems.sorted());
        }
        Path dir = file.toAbsolutePath().getParent();
        return load(text, label, dir, file);
    }

    /** Loads policy text; {@code label} names it in problems, {@code baseDirectory} anchors relative paths. */
    public LoadResult load(String text, String label, Path baseDirectory) {
        return load(text, label, baseDirectory, null);
    }

    private LoadResult load(String text, String label, Path baseDirectory, Path source) {
        Problems problems = new Problems(label);
        Node root;
        try {
            root = compose(text, label);
        } catch (MarkedYamlEngineException e) {
            Mark m = e.getProblemMark().orElse(e.getContextMark().orElse(null));
            Position at = m == null ? new Position(label, 1, 1) : new Position(label, m.getLine() + 1, m.getColumn() + 1);
            String why = e.getProblem() != null ? e.getProblem() : "malformed YAML";
            String ctx = e.getContext() != null ? " " + e.getContext() : "";
            problems.add(at, "", "YAML syntax: " + why + ctx);
            return new LoadResult(null, problems.sorted());
        } catch (YamlEngineException | IllegalStateException | IllegalArgumentException e) {
            // Non-positional engine errors (code point limit, alias bomb, recursion).
            problems.add(new Position(label, 1, 1), "", "YAML: " + firstLine(e.getMessage()));
            return new LoadResult(null, problems.sorted());
        } catch (StackOverflowError e) {
            problems.add(new Position(label, 1, 1), "", "YAML nesting is too deep");
            return new LoadResult(null, problems.sorted());
        }
        BindContext ctx = new BindContext(problems, new SecretResolver(environment, baseDirectory), baseDirectory);
        Policy policy = new PolicyBinder(ctx).bind(root);
        if (policy == null || !problems.isEmpty()) {
            return new LoadResult(null, problems.sorted());
        }
        PolicySnapshot snapshot = PolicyCompiler.compile(policy, source, Instant.now(), generations.incrementAndGet());
        return new LoadResult(snapshot, List.of());
    }

    static Node compose(String text, String label) {
        LoadSettings settings = LoadSettings.builder()
                .setLabel(label)
                .setSchema(new CoreSchema())
                .setAllowDuplicateKeys(true) // duplicates are reported by YamlMap with both positions
                .setMaxAliasesForCollections(MAX_ALIASES)
                .setCodePointLimit(MAX_FILE_CHARS)
                .setUseMarks(true)
                .build();
        return new Compose(settings).composeString(text).orElse(null);
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "malformed document";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
