package io.sbc.signaling.core;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RecentInvitesTest {

    @Test
    void aRetransmissionIsNotFirstSeen() {
        RecentInvites r = new RecentInvites(1024);
        assertTrue(r.firstSeen("a@pbx", 1, "z9hG4bK-1"));
        assertFalse(r.firstSeen("a@pbx", 1, "z9hG4bK-1"));
        assertFalse(r.firstSeen("a@pbx", 1, "z9hG4bK-1"));
    }

    @Test
    void anotherBranchCSeqOrCallIdIsANewInvite() {
        RecentInvites r = new RecentInvites(1024);
        assertTrue(r.firstSeen("a@pbx", 1, "z9hG4bK-1"));
        assertTrue(r.firstSeen("a@pbx", 1, "z9hG4bK-2"), "a new branch: a new transaction (RFC 3261 §17.2.3)");
        assertTrue(r.firstSeen("a@pbx", 2, "z9hG4bK-1"));
        assertTrue(r.firstSeen("b@pbx", 1, "z9hG4bK-1"));
        assertTrue(r.firstSeen("c@pbx", 1, null), "an RFC 2543 INVITE without a branch");
        assertFalse(r.firstSeen("c@pbx", 1, null));
    }

    @Test
    void aSingleSlotTableForgetsTheOlderInviteSoItsRetransmissionCountsAsNew() {
        RecentInvites r = new RecentInvites(1);
        assertTrue(r.firstSeen("a@pbx", 1, "z9hG4bK-1"));
        assertTrue(r.firstSeen("b@pbx", 1, "z9hG4bK-1"));
        assertTrue(r.firstSeen("a@pbx", 1, "z9hG4bK-1"), "overwritten: one extra 100 at worst, never a missing one");
    }

    @Test
    void rejectsASizeThatIsNotAPowerOfTwo() {
        assertThrows(IllegalArgumentException.class, () -> new RecentInvites(1000));
        assertThrows(IllegalArgumentException.class, () -> new RecentInvites(0));
    }
}
