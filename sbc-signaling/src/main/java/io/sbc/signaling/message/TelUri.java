package io.sbc.signaling.message;


/** tel URI (RFC 3966): a global (+E.164) or local number with parameters. Immutable. */
public final class TelUri implements Uri {
    private final String number;
    private final Params params;
    private final String text;

    private TelUri(String number, Params params, String text) {
        this.number = number;
        this.params = params;
        this.text = text;
    }

    static TelUri build(byte[] b, int p, int end) {
        String text = io.sbc.signaling.codec.AsciiStrings.utf8(b, p, end - p);
        int q = p + 4;
        int semi = io.sbc.signaling.codec.SipGrammar.indexOf(b, q, end, (byte) ';');
        int numEnd = semi < 0 ? end : semi;
        return new TelUri(io.sbc.signaling.codec.AsciiStrings.utf8(b, q, numEnd - q), Params.lazy(b, numEnd, end), text);
    }

    /** Parses a tel: URI; null when malformed or of another scheme. */
    public static TelUri parse(String text) {
        return Uri.parse(text) instanceof TelUri t ? t : null;
    }

    @Override
    public String scheme() {
        return "tel";
    }

    /** The number as written, visual separators included (e.g. "+1-201-555-0123"). */
    public String number() {
        return number;
    }

    /** The number without visual separators "-", ".", "(", ")". */
    public String digits() {
        StringBuilder sb = new StringBuilder(number.length());
        for (int i = 0; i < number.length(); i++) {
            char c = number.charAt(i);
            if (c != '-' && c != '.' && c != '(' && c != ')') {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    /** True for a global number (leading '+'), RFC 3966 §5.1.4. */
    public boolean isGlobal() {
        return number.startsWith("+");
    }

    /** Parameter value ("" for a flag, null when absent), e.g. {@code phone-context}. */
    public String param(String name) {
        return params.get(name);
    }

    public Params params() {
        return params;
    }

    @Override
    public String toString() {
        return text;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TelUri t && t.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }
}
