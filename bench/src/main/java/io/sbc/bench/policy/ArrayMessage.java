package io.sbc.bench.policy;

import io.sbc.policy.eval.MessageEditor;

/**
 * A fixed-capacity, array-backed {@link MessageEditor} for benchmarks: {@link #reset()} restores
 * the original message by copying references, so the benchmark measures policy work, not message
 * setup. Owned by the benchmark thread.
 */
final class ArrayMessage implements MessageEditor {
    private static final int CAPACITY = 64;

    private final String method;
    private final String[] origNames;
    private final String[] origValues;
    private final String[] names = new String[CAPACITY];
    private final String[] values = new String[CAPACITY];
    private final String origRuriUser;
    private final String origRuriHost;
    private final String origFromUser;
    private final String origFromHost;
    private final String origToUser;
    private final String origToHost;
    private int count;
    private String ruriUser;
    private String ruriHost;
    private String fromUser;
    private String fromHost;
    private String toUser;
    private String toHost;

    ArrayMessage(String method, String ruriUser, String ruriHost, String fromUser, String fromHost, String toUser,
            String toHost, String[][] headers) {
        this.method = method;
        this.origRuriUser = ruriUser;
        this.origRuriHost = ruriHost;
        this.origFromUser = fromUser;
        this.origFromHost = fromHost;
        this.origToUser = toUser;
        this.origToHost = toHost;
        origNames = new String[headers.length];
        origValues = new String[headers.length];
        for (int i = 0; i < headers.length; i++) {
            origNames[i] = headers[i][0];
            origValues[i] = headers[i][1];
        }
        reset();
    }

    void reset() {
        count = origNames.length;
        System.arraycopy(origNames, 0, names, 0, count);
        System.arraycopy(origValues, 0, values, 0, count);
        ruriUser = origRuriUser;
        ruriHost = origRuriHost;
        fromUser = origFromUser;
        fromHost = origFromHost;
        toUser = origToUser;
        toHost = origToHost;
    }

    @Override public boolean isRequest() { return true; }
    @Override public String method() { return method; }
    @Override public int statusCode() { return 0; }
    @Override public String ruriUser() { return ruriUser; }
    @Override public String ruriHost() { return ruriHost; }
    @Override public String fromUser() { return fromUser; }
    @Override public String fromHost() { return fromHost; }
    @Override public String toUser() { return toUser; }
    @Override public String toHost() { return toHost; }
    @Override public int headerCount() { return count; }
    @Override public String headerName(int index) { return names[index]; }
    @Override public String headerValue(int index) { return values[index]; }

    @Override
    public void removeHeaderAt(int index) {
        System.arraycopy(names, index + 1, names, index, count - index - 1);
        System.arraycopy(values, index + 1, values, index, count - index - 1);
        count--;
    }

    @Override public void setHeaderValueAt(int index, String value) { values[index] = value; }

    @Override
    public void addHeader(String name, String value) {
        if (count < CAPACITY) {
            names[count] = name;
            values[count] = value;
            count++;
        }
    }

    @Override public void setRuriUser(String user) { ruriUser = user; }
    @Override public void setRuriHost(String host) { ruriHost = host; }
    @Override public void setFromUser(String user) { fromUser = user; }
    @Override public void setFromHost(String host) { fromHost = host; }
    @Override public void setToUser(String user) { toUser = user; }
    @Override public void setToHost(String host) { toHost = host; }
}
