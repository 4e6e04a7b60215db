package io.sbc.policy.reload;

import io.sbc.policy.PolicySnapshot;
import io.sbc.policy.model.ListenAddress;
import io.sbc.policy.model.Realm;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Sockets to open and close when going from one snapshot to the next. An address that moved to
 * another realm, or whose realm's TLS material changed, is closed and reopened.
 */
public record ListenerChanges(List<Bound> opened, List<Bound> closed) {
    /** A listen address with the realm that owns it. */
    public record Bound(String realm, ListenAddress address) {
    }

    public static ListenerChanges between(PolicySnapshot before, PolicySnapshot after) {
        Map<ListenAddress, Realm> a = index(before);
        Map<ListenAddress, Realm> b = index(after);
        List<Bound> opened = new ArrayList<>();
        List<Bound> closed = new ArrayList<>();
        for (Map.Entry<ListenAddress, Realm> e : a.entrySet()) {
            Realm now = b.get(e.getKey());
            if (now == null || changed(e.getValue(), now)) {
                closed.add(new Bound(e.getValue().name(), e.getKey()));
            }
        }
        for (Map.Entry<ListenAddress, Realm> e : b.entrySet()) {
            Realm was = a.get(e.getKey());
            if (was == null || changed(was, e.getValue())) {
                opened.add(new Bound(e.getValue().name(), e.getKey()));
            }
        }
        return new ListenerChanges(List.copyOf(opened), List.copyOf(closed));
    }

    private static boolean changed(Realm was, Realm now) {
        return !was.name().equals(now.name()) || !Objects.equals(was.tls(), now.tls());
    }

    private static Map<ListenAddress, Realm> index(PolicySnapshot s) {
        Map<ListenAddress, Realm> m = new LinkedHashMap<>();
        if (s != null) {
            for (Realm r : s.policy().realms().values()) {
                for (ListenAddress l : r.listen()) {
                    m.put(l, r);
                }
            }
        }
        return m;
    }

    public boolean isEmpty() {
        return opened.isEmpty() && closed.isEmpty();
    }
}
