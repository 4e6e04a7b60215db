package io.sbc.media.sdp;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/** The RFC 4317 / RFC 3264 SDP corpus copied into test resources. */
final class SdpCorpus {
    static final List<String> FILES;

    static {
        String[] sections = {"2.1", "2.2", "2.3", "2.4", "2.5", "2.6", "2.7", "2.8", "3.1", "3.2",
            "4.1", "4.2", "4.3", "5.1", "5.2", "5.3"};
        java.util.ArrayList<String> f = new java.util.ArrayList<>();
        for (String s : sections) {
            for (String role : new String[] {"offer", "answer", "offer-2", "answer-2"}) {
                if (SdpCorpus.class.getResource(s + "-" + role + ".sdp") != null) {
                    f.add(s + "-" + role + ".sdp");
                }
            }
        }
        f.add("rfc3264-s9-figure1-original.sdp");
        f.add("rfc3264-s9-figure1-errata2099-corrected.sdp");
        FILES = List.copyOf(f);
    }

    private SdpCorpus() {
    }

    static byte[] read(String name) {
        try (InputStream in = SdpCorpus.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalArgumentException("missing resource " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
