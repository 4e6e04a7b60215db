package io.sbc.signaling.it;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Issue #7: "JSON output as an option", selected by the policy's {@code node.log-format}. An SBC
 * process started with {@code log-format: json} writes one JSON object per line; after a reload to
 * {@code log-format: text} it writes text lines (the switch applies on reload too).
 */
class JsonLogIT {
    static final int ADMIN = 18112;

    static String policy(Path cdr, String format) {
        return """
                version: 1
                node:
                  name: sbc-json-log-it
                  admin: 127.0.0.1:%d
                  cdr: %s
                  drain-timeout: 1s
                  log-format: %s
                realms:
                  pbx:
                    listen: [udp://127.0.0.20:5464]
                    media-address: 127.0.0.20
                trunks:
                  ip-pbx:
                    realm: pbx
                    gateways: [{uri: "sip:127.0.0.10:5465"}]
                    media: {mode: bypass}
                """.formatted(ADMIN, cdr.toAbsolutePath(), format);
    }

    @Test
    void writesOneJsonObjectPerLineWhenThePolicySaysJsonAndTextAfterAReloadToText() throws Exception {
        assumeTrue(System.getenv("SBC_LOG_FORMAT") == null, "SBC_LOG_FORMAT is set and overrides the policy");
        Path dir = Files.createTempDirectory("json-log-it");
        Path policyFile = dir.resolve("policy.yaml");
        Files.writeString(policyFile, policy(dir.resolve("cdr"), "json"));
        Path log = dir.resolve("sbc.log");
        try (SbcProcess sbc = SbcProcess.run(policyFile, log)) {
            Files.writeString(policyFile, policy(dir.resolve("cdr"), "text"));
            HttpResponse<String> reload = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + ADMIN + "/api/reload")).POST(HttpRequest.BodyPublishers.noBody())
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, reload.statusCode(), reload.body());
            sbc.process.destroy(); // SIGTERM: "stopping" ... "stopped", now in text
            assertTrue(sbc.process.waitFor(30, TimeUnit.SECONDS), "the SBC did not stop");
            assertEquals(0, sbc.process.exitValue(), Files.readString(log));
        }
        List<String> lines = new ArrayList<>();
        for (String l : Files.readAllLines(log)) {
            if (!l.startsWith("ops/sbc: ")) { // the launcher's own notes (building the jar), not the SBC's log
                lines.add(l);
            }
        }
        int firstText = 0;
        while (firstText < lines.size() && JsonText.isObject(lines.get(firstText))) {
            firstText++;
        }
        List<String> json = lines.subList(0, firstText);
        List<String> text = lines.subList(firstText, lines.size());
        String all = String.join("\n", lines);
        assertTrue(json.size() >= 3, "JSON lines until the reload: " + all);
        assertTrue(json.get(0).contains("\"level\":\"INFO\"") && json.get(0).contains("\"formattedMessage\":\"sbc "),
                "the first line is the JSON 'starting' line: " + all);
        assertTrue(json.stream().anyMatch(l -> l.contains("\"formattedMessage\":\"serving;")), all);
        assertFalse(text.isEmpty(), "no text lines after the reload to text: " + all);
        for (String l : text) {
            assertTrue(l.matches("\\d{4}-\\d\\d-\\d\\dT\\S+ +[A-Z]+ +\\[.*"), "not a text log line after the reload: " + l);
        }
        assertTrue(text.stream().anyMatch(l -> l.endsWith(" - stopped")), all);
    }
}
