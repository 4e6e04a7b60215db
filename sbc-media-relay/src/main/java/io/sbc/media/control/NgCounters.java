package io.sbc.media.control;

import io.sbc.media.bencode.BencodeDictionary;

/** Per-command request counts for ng {@code statistics} (controlstatistics). Owner: the control thread. */
public final class NgCounters {
    long ping;
    long offer;
    long answer;
    long delete;
    long query;
    long list;
    long statistics;
    long errors;
    long terminated;
    long duplicates;
    long dropped;
    long timeouts;

    void count(String command) {
        switch (command) {
            case "ping" -> ping++;
            case "offer" -> offer++;
            case "answer" -> answer++;
            case "delete" -> delete++;
            case "query" -> query++;
            case "list" -> list++;
            case "statistics" -> statistics++;
            default -> { }
        }
    }

    public long offers() {
        return offer;
    }

    public long errors() {
        return errors;
    }

    /** Retransmitted requests answered from the cookie cache. */
    public long duplicates() {
        return duplicates;
    }

    /** Calls marked dead by a media timeout. */
    public long timeouts() {
        return timeouts;
    }

    /** Datagrams dropped without reply (no cookie), and replies dropped on a full send buffer. */
    public long dropped() {
        return dropped;
    }

    BencodeDictionary toDictionary(String proxy) {
        return BencodeDictionary.builder().put("proxy", proxy)
                .put("pingcount", ping).put("offercount", offer).put("answercount", answer)
                .put("deletecount", delete).put("querycount", query).put("listcount", list)
                .put("statisticscount", statistics).put("errorcount", errors).put("duplicatecount", duplicates)
                .build();
    }
}
