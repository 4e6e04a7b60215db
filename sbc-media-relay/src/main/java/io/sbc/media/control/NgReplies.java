package io.sbc.media.control;

import io.sbc.media.bencode.BencodeDictionary;

/** Reply dictionaries shared by the handlers (ng-protocol.md §2). */
final class NgReplies {
    private NgReplies() {
    }

    static BencodeDictionary error(String reason) {
        return BencodeDictionary.builder().put("result", "error").put("error-reason", reason).build();
    }

    static BencodeDictionary ok() {
        return BencodeDictionary.builder().put("result", "ok").build();
    }
}
