package io.sbc.signaling.it;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Issue #7: "A read-only status page ... Tested in headless Chromium (Debian's chromium): the page
 * loads, shows a call placed by SIPp during the test, and a screenshot is taken." The SBC runs as
 * its own process with one call held up by SIPp; Chromium loads {@code GET /} with a virtual-time
 * budget long enough for the page's script to fetch {@code /api/status} and {@code /api/calls},
 * dumps the resulting DOM, and in a second run writes a PNG screenshot under target/.
 */
class StatusPageChromiumIT {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    static void assumeChromium() {
        if (System.getenv("CI") != null) {
            assertTrue(Files.isExecutable(CHROMIUM), "chromium must be installed in CI (ops/test installs chromium)");
        }
        assumeTrue(Files.isExecutable(CHROMIUM), "chromium not installed: run ops/test, which installs chromium");
    }

    @Test
    void statusPageShowsTheCallPlacedBySippAndIsScreenshotted() throws Exception {
        assumeChromium();
        Path evidence = ItPolicies.evidenceDir("status-page").toAbsolutePath();
        Files.createDirectories(evidence);
        Path png = evidence.resolve("status-page.png");
        Files.deleteIfExists(png);
        try (HeldCall held = HeldCall.start("status-page")) {
            String calls = held.awaitCalls("\"state\":\"confirmed\"");
            String callId = CdrDurabilityIT.field(calls, "inbound_call_id");
            String url = "http://127.0.0.1:" + HeldCall.ADMIN + "/";

            String dom = chromium(evidence, "dom", "--dump-dom", url);
            Files.writeString(evidence.resolve("status-page.html"), dom);
            assertTrue(dom.contains("<td title=\"" + callId + "\">" + callId + "</td>"), "the call's Call-ID: " + dom);
            assertTrue(dom.contains(">" + HeldCall.CALLEE + "</td>"), "the callee: " + dom);
            assertTrue(dom.contains(">ip-pbx \u2192 carrier-a</td>"), "the route: " + dom);
            assertTrue(dom.contains(">confirmed</td>"), "the call's state: " + dom);
            assertTrue(dom.contains("<span id=\"health\" class=\"ok\">serving</span>"), "health: " + dom);
            assertTrue(dom.contains("<div class=\"v\" id=\"calls-active\">1</div>"), "the call count: " + dom);

            chromium(evidence, "screenshot", "--window-size=1280,900", "--screenshot=" + png, url);
            assertTrue(Files.isRegularFile(png), "no screenshot at " + png);
            byte[] head = new byte[8];
            try (var in = Files.newInputStream(png)) {
                assertEquals(8, in.readNBytes(head, 0, 8));
            }
            assertArrayEquals(PNG_SIGNATURE, head, "not a PNG: " + png);
            assertTrue(Files.size(png) > 10_000, "a blank screenshot? " + Files.size(png) + " bytes");

            held.hangUp();
        }
    }

    /**
     * Runs headless Chromium once (bounded at 60 s; it and its children are killed by handle if it
     * hangs) and returns its standard output. The virtual-time budget lets the page's timers and
     * fetches run for 5 s of page time before the DOM is dumped or the screenshot taken.
     */
    private static String chromium(Path evidence, String name, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--no-first-run", "--disable-dev-shm-usage", "--hide-scrollbars",
                "--user-data-dir=" + evidence.resolve("profile-" + name), "--virtual-time-budget=5000"));
        cmd.addAll(List.of(args));
        Path out = evidence.resolve(name + ".out");
        Path err = evidence.resolve(name + ".err");
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            p.waitFor(5, TimeUnit.SECONDS);
            throw new AssertionError("chromium did not finish in 60 s: " + Files.readString(err));
        }
        assertEquals(0, p.exitValue(), () -> "chromium failed: " + readQuietly(err));
        return Files.readString(out);
    }

    private static String readQuietly(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            return e.toString();
        }
    }
}
