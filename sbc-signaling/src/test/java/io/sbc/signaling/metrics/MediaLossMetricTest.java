package io.sbc.signaling.metrics;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sbc.signaling.core.EmbeddedRelay;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class MediaLossMetricTest {

    @Test
    void packetLossRatioIsAnUnlabelledGaugeReadFromTheEmbeddedRelayAtScrapeTime() {
        AtomicReference<EmbeddedRelay.Figures> figures = new AtomicReference<>();
        SbcMetrics metrics = new SbcMetrics();
        metrics.bindMedia(figures::get);

        String none = new String(metrics.scrape(), StandardCharsets.UTF_8);
        assertFalse(none.contains("\nsbc_media_packet_loss_ratio "), "no relay, no sample");

        figures.set(new EmbeddedRelay.Figures(2, 400, 390, 0, 0.05));
        String text = new String(metrics.scrape(), StandardCharsets.UTF_8);
        assertTrue(text.contains("# TYPE sbc_media_packet_loss_ratio gauge"), text);
        assertTrue(text.contains("\nsbc_media_packet_loss_ratio 0.05\n"), text);
    }
}
