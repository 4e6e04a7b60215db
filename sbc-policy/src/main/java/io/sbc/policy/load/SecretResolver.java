package io.sbc.policy.load;

import io.sbc.policy.model.Secret;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Resolves secret references: {@code ${env:NAME}}, {@code ${env:NAME:-fallback}} (fallback used when
 * NAME is unset or empty, as in POSIX shells), {@code ${file:PATH}} (file content, trailing newline
 * removed; relative paths from the policy file's directory). A value without {@code ${} is a literal
 * secret. Error messages name the reference, never the value.
 */
public final class SecretResolver {
    /** Secret files larger than this are refused: a secret is a line, not a document. */
    static final long MAX_SECRET_FILE_BYTES = 64 * 1024;

    private final Function<String, String> environment;
    private final Path baseDirectory;

    public SecretResolver(Function<String, String> environment, Path baseDirectory) {
        this.environment = environment;
        this.baseDirectory = baseDirectory;
    }

    public Secret resolve(String text, Consumer<String> error) {
        if (!text.startsWith("${")) {
            if (text.contains("${")) {
                error.accept("a secret is either a literal or one whole ${env:NAME} / ${file:PATH} reference");
                return null;
            }
            return new Secret("(literal)", text);
        }
        if (!text.endsWith("}")) {
            error.accept("unterminated secret reference (expected ${env:NAME} or ${file:PATH})");
            return null;
        }
        String body = text.substring(2, text.length() - 1);
        if (body.startsWith("env:")) {
            String spec = body.substring(4);
            String fallback = null;
            int dflt = spec.indexOf(":-");
            if (dflt >= 0) {
                fallback = spec.substring(dflt + 2);
                spec = spec.substring(0, dflt);
            }
            if (!spec.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                error.accept("'" + spec + "' is not an environment variable name");
                return null;
            }
            String v = environment.apply(spec);
            if (v == null || v.isEmpty()) {
                if (fallback == null) {
                    error.accept("secret ${env:" + spec + "} is not set in the environment");
                    return null;
                }
                v = fallback;
            }
            return new Secret("${env:" + spec + "}", v);
        }
        if (body.startsWith("file:")) {
            String p = body.substring(5);
            if (p.isEmpty()) {
                error.accept("${file:} needs a path");
                return null;
            }
            Path file = baseDirectory.resolve(p);
            try {
                if (!Files.isRegularFile(file)) {
                    error.accept("secret file " + p + " does not exist or is not a file");
                    return null;
                }
                if (Files.size(file) > MAX_SECRET_FILE_BYTES) {
                    error.accept("secret file " + p + " is larger than " + MAX_SECRET_FILE_BYTES + " bytes");
                    return null;
                }
                String v = Files.readString(file, StandardCharsets.UTF_8);
                v = v.endsWith("\r\n") ? v.substring(0, v.length() - 2) : v.endsWith("\n") ? v.substring(0, v.length() - 1) : v;
                if (v.isEmpty()) {
                    error.accept("secret file " + p + " is empty");
                    return null;
                }
                return new Secret("${file:" + p + "}", v);
            } catch (IOException | RuntimeException e) {
                error.accept("secret file " + p + " cannot be read (" + e.getClass().getSimpleName() + ")");
                return null;
            }
        }
        error.accept("unknown secret source (expected ${env:NAME} or ${file:PATH})");
        return null;
    }
}
