package io.sbc.policy.eval;

/**
 * A {@link MessageView} that header and number rules may change. Indexes are those of
 * {@link MessageView#headerName(int)}; removing shifts later fields down by one.
 */
public interface MessageEditor extends MessageView {
    void removeHeaderAt(int index);

    void setHeaderValueAt(int index, String value);

    /** Appends a header field after the existing ones (before the body). */
    void addHeader(String name, String value);

    void setRuriUser(String user);

    void setRuriHost(String host);

    void setFromUser(String user);

    void setFromHost(String host);

    void setToUser(String user);

    void setToHost(String host);
}
