package io.sbc.policy.property;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sbc.policy.model.Defaults;
import io.sbc.policy.testing.PolicyGenerator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The reference page and the JSON schema name every key the loader accepts (every key the
 * generator writes, and the generator's output loads: PolicyRoundTripTest), and show the defaults
 * of {@link Defaults}.
 */
class PolicyDocsTest {
    static final Path DOCS = Path.of("..", "docs");
    /** Keys of user-named maps (realm, trunk and header names), not schema keys. */
    static final Set<String> NAMED_MAPS = Set.of("realms", "trunks", "headers", "add", "set", "copy");

    static void collect(Object node, String parent, Set<String> keys) {
        if (node instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                String k = (String) e.getKey();
                if (!NAMED_MAPS.contains(parent)) {
                    keys.add(k);
                }
                collect(e.getValue(), NAMED_MAPS.contains(parent) ? "" : k, keys);
            }
        } else if (node instanceof List<?> l) {
            for (Object o : l) {
                collect(o, parent, keys);
            }
        }
    }

    @Test
    void referencePageAndSchemaNameEveryKey() throws Exception {
        Set<String> keys = new TreeSet<>();
        for (long seed = 0; seed < 60; seed++) {
            collect(new PolicyGenerator(new SplittableRandom(seed)).document(), "", keys);
        }
        String md = Files.readString(DOCS.resolve("policy.md"));
        String schema = Files.readString(DOCS.resolve("policy.schema.json"));
        assertTrue(keys.size() > 80, "generator covers the schema: " + keys.size() + " keys");
        Set<String> undocumented = new TreeSet<>();
        Set<String> notInSchema = new TreeSet<>();
        for (String k : keys) {
            if (!(md.contains("`" + k + "`") || md.contains("." + k + "`") || md.contains("`" + k + ".") || md.contains("`" + k + "[]"))) {
                undocumented.add(k);
            }
            if (!schema.contains("\"" + k + "\"")) {
                notInSchema.add(k);
            }
        }
        assertTrue(undocumented.isEmpty(), "docs/policy.md does not document keys " + undocumented);
        assertTrue(notInSchema.isEmpty(), "docs/policy.schema.json lacks keys " + notInSchema);
    }

    @Test
    void referencePageShowsTheDefaults() throws Exception {
        String md = Files.readString(DOCS.resolve("policy.md"));
        for (String d : List.of(Defaults.ADMIN.toString(), Defaults.CDR_DIRECTORY, Defaults.MEDIA_PORTS.toString(),
                Defaults.REALM_RATE + "", Defaults.REALM_BURST + "", Defaults.REALM_BAN.toSeconds() + "s",
                Defaults.MAX_MESSAGE_BYTES + "", Defaults.TIMERS.t1().toMillis() + "ms", Defaults.TIMERS.t2().toSeconds() + "s",
                Defaults.TIMERS.t4().toSeconds() + "s", Defaults.DRAIN_TIMEOUT.toSeconds() + "s", Defaults.CDR_RETENTION.toDays() + "d",
                Defaults.MEDIA_TIMEOUT.toSeconds() + "s", Defaults.REALM_IDLE_TIMEOUT.toSeconds() + "s",
                Defaults.MAX_CALL_DURATION.toHours() + "h", Defaults.GLOBAL_MAX_CALLS + "", Defaults.GLOBAL_CPS + "")) {
            assertTrue(md.contains("`" + d + "`"), "docs/policy.md does not show default " + d);
        }
    }
}
