package io.sbc.media.sdp;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The ng {@code codec} dictionary's SDP effect: {@code strip} (names, or {@code all}/{@code full})
 * and {@code mask} remove formats from the rewritten SDP; {@code except} keeps the named ones even
 * when {@code strip: all} is given. A name matches a format's encoding name case-insensitively;
 * {@code name/rate[/channels]} also has to match the a=rtpmap clock rate and channels. Without
 * transcoding, rtpengine's "mask" (hide from this side, still accepted from the other) has the same
 * SDP effect as "strip"; the difference only matters to a transcoder, which this relay is not.
 */
public record CodecFilter(List<String> strip, List<String> mask, List<String> except) {
    public static final CodecFilter NONE = new CodecFilter(List.of(), List.of(), List.of());

    public CodecFilter {
        strip = List.copyOf(strip);
        mask = List.copyOf(mask);
        except = List.copyOf(except);
    }

    public boolean isEmpty() {
        return strip.isEmpty() && mask.isEmpty();
    }

    private boolean stripsAll() {
        for (String s : strip) {
            if (s.equalsIgnoreCase("all") || s.equalsIgnoreCase("full")) {
                return true;
            }
        }
        return false;
    }

    /** The formats of {@code m} that survive, in their original order. */
    public List<String> keep(MediaDescription m) {
        List<String> out = new ArrayList<>();
        boolean all = stripsAll();
        for (String fmt : m.formats()) {
            boolean remove = all || matchesAny(m, fmt, strip) || matchesAny(m, fmt, mask);
            if (remove && matchesAny(m, fmt, except)) {
                remove = false;
            }
            if (!remove) {
                out.add(fmt);
            }
        }
        return out;
    }

    private static boolean matchesAny(MediaDescription m, String fmt, List<String> names) {
        if (names.isEmpty()) {
            return false;
        }
        String name = m.encodingName(fmt);
        if (name == null) {
            return false;
        }
        String rtpmap = m.rtpmap(fmt);
        for (String n : names) {
            int slash = n.indexOf('/');
            String base = slash < 0 ? n : n.substring(0, slash);
            if (!base.equalsIgnoreCase(name)) {
                continue;
            }
            if (slash < 0) {
                return true;
            }
            if (rtpmap != null && rtpmap.toLowerCase(Locale.ROOT).startsWith(n.toLowerCase(Locale.ROOT))) {
                return true;
            }
        }
        return false;
    }
}
