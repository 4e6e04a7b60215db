package io.sbc.media.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class OpenFileLimitTest {

    @Test
    void saysHowManyCallsFitWhenThePortRangeExceedsTheOpenFileLimit() {
        assertEquals("media ports 20000-59999 (40000) exceed what this process may open (20000 files: ulimit -n,"
                + " systemd LimitNOFILE=): about 4750 anchored calls at once (4 sockets each, 1000 files kept for"
                + " the rest), then new calls fail with EMFILE; raise the limit or narrow the range",
                OpenFileLimit.warning(20000, 59999, 20_000));
    }

    @Test
    void isSilentWhenTheRangeAndTheReserveFitOrTheLimitIsUnknown() {
        assertNull(OpenFileLimit.warning(20000, 29999, 1_048_576));
        assertNull(OpenFileLimit.warning(20000, 29999, 11_000));
        assertTrue(OpenFileLimit.warning(20000, 29999, 10_999) != null);
        assertNull(OpenFileLimit.warning(20000, 59999, -1));
    }

    @Test
    void readsAPositiveLimitForThisProcess() {
        assertTrue(OpenFileLimit.processLimit() > 0, "a Linux JVM reports RLIMIT_NOFILE");
    }
}
