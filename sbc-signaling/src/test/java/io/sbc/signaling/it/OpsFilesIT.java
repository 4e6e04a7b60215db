package io.sbc.signaling.it;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The operations files stay usable: Prometheus accepts the alert rules ({@code promtool check
 * rules}, from Debian's prometheus package), the Grafana dashboard is valid JSON, and every
 * {@code sbc_*} metric the rules and the dashboard use is documented in docs/metrics.md.
 */
class OpsFilesIT {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Pattern METRIC = Pattern.compile("\\bsbc_[a-z_]+");

    @Test
    void promtoolAcceptsTheAlertRules() throws Exception {
        boolean present = Files.isExecutable(Path.of("/usr/bin/promtool"));
        if (System.getenv("CI") != null) {
            assertTrue(present, "promtool must be installed in CI (ops/test installs prometheus)");
        }
        assumeTrue(present, "promtool not installed: run ops/test, which installs prometheus");
        Process p = new ProcessBuilder("/usr/bin/promtool", "check", "rules",
                ROOT.resolve("ops/prometheus/sbc-rules.yml").toString()).redirectErrorStream(true).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "promtool hung");
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.contains("SUCCESS"), out);
    }

    @Test
    void everyMetricTheRulesAndDashboardUseIsDocumented() throws Exception {
        String docs = Files.readString(ROOT.resolve("docs/metrics.md"));
        TreeSet<String> undocumented = new TreeSet<>();
        for (String file : new String[] {"ops/prometheus/sbc-rules.yml", "ops/grafana/sbc-dashboard.json"}) {
            Matcher m = METRIC.matcher(Files.readString(ROOT.resolve(file)));
            while (m.find()) {
                String name = m.group().replaceAll("_(bucket|count|sum)$", "");
                if (!docs.contains("`" + name)) {
                    undocumented.add(name + " (" + file + ")");
                }
            }
        }
        assertTrue(undocumented.isEmpty(), "metrics used but not in docs/metrics.md: " + undocumented);
    }

    @Test
    void dashboardIsValidJsonWithPanels() throws Exception {
        String json = Files.readString(ROOT.resolve("ops/grafana/sbc-dashboard.json"));
        // A structural check without a JSON library in test scope: balanced braces outside strings.
        int depth = 0;
        boolean inString = false;
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '{' || c == '[') {
                depth++;
            } else if (c == '}' || c == ']') {
                depth--;
                assertTrue(depth >= 0, "unbalanced at " + i);
            }
        }
        assertEquals(0, depth);
        assertTrue(json.contains("\"panels\""));
        assertTrue(json.contains("sbc_calls_active"));
    }
}
