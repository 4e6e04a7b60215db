package io.sbc.signaling.registration;

import io.sbc.signaling.message.NameAddr;
import io.sbc.signaling.message.SipRequest;
import io.sbc.signaling.message.SipResponse;
import io.sbc.signaling.message.SipResponses;
import io.sbc.signaling.message.SipUri;
import io.sbc.signaling.message.Uri;
import io.sbc.signaling.transaction.Destination;
import io.sbc.signaling.transaction.SipTokens;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * The SBC's registrar (RFC 3261 §10.3, steps 5–8) for PBXs and phones that register with it, and the
 * location lookup for calls toward them ({@link #contactsFor}). Authentication (step 3) is done before,
 * by {@link RegisterHandler} through the realm's {@link io.sbc.signaling.auth.DigestServer}.
 *
 * <p>Each binding keeps the flow its REGISTER arrived on ({@link Binding#flow()}), so a call from
 * the carrier reaches a contact behind NAT through the pinhole or connection it opened.
 *
 * <p>Bounded: {@link RegistrarSettings#maxBindings()} overall and
 * {@link RegistrarSettings#maxBindingsPerAor()} per AOR; a REGISTER that would exceed either gets 503
 * and changes nothing. Lapsed bindings are never returned and are removed by {@link #purgeExpired()}
 * (the owner calls it periodically) or by the next REGISTER of their AOR.
 *
 * <p>Threading: shared by every event loop (REGISTERs and lookups arrive on the loop their Call-ID
 * hashes to). Each AOR's bindings are an immutable list replaced atomically with
 * {@link ConcurrentHashMap#compute}: lookups take no lock, and one AOR's update never blocks another's.
 */
public final class Registrar {
    private final RegistrarSettings settings;
    private final LongSupplier clockMillis;
    private final ConcurrentHashMap<String, List<Binding>> byAor = new ConcurrentHashMap<>();
    private final AtomicInteger total = new AtomicInteger();

    public Registrar(RegistrarSettings settings, LongSupplier clockMillis) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clockMillis = Objects.requireNonNull(clockMillis, "clockMillis");
    }

    /**
     * The canonical AOR of a To/Request-URI (RFC 3261 §10.3 step 5): {@code sip:user@host} with the
     * host lower-cased, without port, parameters and headers; sips: is kept. Null for other schemes.
     */
    public static String aorKey(Uri uri) {
        if (!(uri instanceof SipUri s)) {
            return null;
        }
        String user = s.user();
        return s.scheme() + ":" + (user == null ? "" : user + "@") + s.host().toLowerCase(Locale.ROOT);
    }

    /**
     * Applies an (already authenticated and authorized) REGISTER and returns the response to send:
     * 200 with every current binding of the AOR, or 400/404/423/500/503 (RFC 3261 §10.3).
     */
    public SipResponse register(SipRequest request, Destination source) {
        NameAddr to = request.to();
        String aor = to == null ? null : aorKey(to.uri());
        if (aor == null) {
            return response(request, 404, "Not Found"); // step 5: not a sip/sips AOR we can serve
        }
        List<NameAddr> contacts = request.contacts();
        int headerExpires = parseExpires(request.header("Expires"));
        long now = clockMillis.getAsLong();
        String callId = request.callId();
        long cseq = request.cseqNumber();
        if (contacts.isEmpty()) {
            return ok(request, aor, now); // a query (§10.2.3)
        }
        boolean star = contacts.stream().anyMatch(NameAddr::isStar);
        if (star && (contacts.size() != 1 || headerExpires != 0)) {
            return response(request, 400, "Invalid Contact * Use"); // step 6
        }
        // Step 6: lifetimes first, so a 423 leaves everything unchanged.
        int[] expires = new int[contacts.size()];
        for (int i = 0; i < contacts.size() && !star; i++) {
            int e = parseExpires(contacts.get(i).param("expires"));
            if (e < 0) {
                e = headerExpires >= 0 ? headerExpires : settings.defaultExpiresSeconds();
            }
            if (e > 0 && e < settings.minExpiresSeconds()) {
                SipResponse r = response(request, 423, "Interval Too Brief");
                r.addHeader("Min-Expires", Integer.toString(settings.minExpiresSeconds()));
                return r;
            }
            expires[i] = Math.min(e, settings.maxExpiresSeconds());
            if (contacts.get(i).sipUri() == null) {
                return response(request, 400, "Unsupported Contact URI");
            }
        }
        int[] status = {200};
        byAor.compute(aor, (key, current) -> {
            List<Binding> live = new ArrayList<>();
            if (current != null) {
                for (Binding b : current) {
                    if (b.expiresAtMillis() > now) {
                        live.add(b);
                    }
                }
            }
            int before = current == null ? 0 : current.size();
            List<Binding> next = star ? removeAll(live, callId, cseq, status)
                    : update(live, aor, contacts, expires, callId, cseq, source, now, status);
            if (status[0] != 200) {
                return current;
            }
            int delta = next.size() - before;
            if (delta > 0 && total.get() + delta > settings.maxBindings()) {
                status[0] = 503;
                return current;
            }
            total.addAndGet(delta);
            return next.isEmpty() ? null : List.copyOf(next);
        });
        return switch (status[0]) {
            case 200 -> ok(request, aor, now);
            case 500 -> response(request, 500, "Out Of Order CSeq");
            default -> {
                SipResponse r = response(request, 503, "Too Many Registrations");
                r.addHeader("Retry-After", "60");
                yield r;
            }
        };
    }

    private static List<Binding> removeAll(List<Binding> live, String callId, long cseq, int[] status) {
        for (Binding b : live) {
            if (b.callId().equals(callId) && cseq <= b.cseq()) {
                status[0] = 500; // §10.3 step 6: an older request of the same Call-ID must not remove
                return live;
            }
        }
        return List.of();
    }

    private List<Binding> update(List<Binding> live, String aor, List<NameAddr> contacts, int[] expires, String callId,
            long cseq, Destination source, long now, int[] status) {
        for (int i = 0; i < contacts.size(); i++) {
            SipUri uri = contacts.get(i).sipUri();
            int existing = indexOf(live, uri);
            if (existing >= 0) {
                Binding b = live.get(existing);
                if (b.callId().equals(callId) && cseq <= b.cseq()) {
                    status[0] = 500; // step 7: out-of-order retransmission of an older REGISTER
                    return live;
                }
                live.remove(existing);
            }
            if (expires[i] > 0) {
                live.add(new Binding(aor, uri, callId, cseq, now + expires[i] * 1000L, source,
                        q(contacts.get(i).param("q"))));
            }
        }
        if (live.size() > settings.maxBindingsPerAor()) {
            status[0] = 503;
        }
        return live;
    }

    private static int indexOf(List<Binding> bindings, SipUri uri) {
        for (int i = 0; i < bindings.size(); i++) {
            if (bindings.get(i).contact().equivalent(uri)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * The live bindings of {@code aor} (as {@link #aorKey} gives it), highest q first, for routing a
     * call to a registered user: send to {@link Binding#flow()} with {@link Binding#contact()} as
     * Request-URI. Empty when the AOR is not registered (the caller answers 480, RFC 3261 §10.3 / §21.4.18).
     */
    public List<Binding> contactsFor(String aor) {
        List<Binding> all = aor == null ? null : byAor.get(aor);
        if (all == null) {
            return List.of();
        }
        long now = clockMillis.getAsLong();
        List<Binding> out = new ArrayList<>(all.size());
        for (Binding b : all) {
            if (b.expiresAtMillis() > now) {
                out.add(b);
            }
        }
        out.sort(Comparator.comparingInt(Binding::qThousandths).reversed());
        return out;
    }

    /** {@link #contactsFor(String)} for a Request-URI or To URI. */
    public List<Binding> contactsFor(Uri uri) {
        return contactsFor(aorKey(uri));
    }

    /**
     * Removes every binding whose flow was the given stream connection (it closed: the contact is
     * unreachable through it, RFC 5626 §5.3). Returns how many were removed.
     */
    public int flowClosed(long connectionId) {
        if (connectionId == Destination.NO_CONNECTION) {
            return 0;
        }
        return removeIf(b -> b.flow().connectionId() == connectionId);
    }

    /** Removes one binding (e.g. its contact stopped answering keep-alives); true when it was there. */
    public boolean remove(String aor, SipUri contact) {
        boolean[] removed = {false};
        byAor.computeIfPresent(aor, (k, list) -> {
            List<Binding> keep = new ArrayList<>(list);
            int i = indexOf(keep, contact);
            if (i < 0) {
                return list;
            }
            keep.remove(i);
            total.decrementAndGet();
            removed[0] = true;
            return keep.isEmpty() ? null : List.copyOf(keep);
        });
        return removed[0];
    }

    /** Removes lapsed bindings; returns how many. The owner calls it every few seconds. */
    public int purgeExpired() {
        long now = clockMillis.getAsLong();
        return removeIf(b -> b.expiresAtMillis() <= now);
    }

    private int removeIf(java.util.function.Predicate<Binding> gone) {
        int[] removed = {0};
        for (String aor : byAor.keySet()) {
            byAor.computeIfPresent(aor, (k, list) -> {
                List<Binding> keep = new ArrayList<>(list.size());
                for (Binding b : list) {
                    if (!gone.test(b)) {
                        keep.add(b);
                    }
                }
                int d = list.size() - keep.size();
                removed[0] += d;
                total.addAndGet(-d);
                return keep.isEmpty() ? null : List.copyOf(keep);
            });
        }
        return removed[0];
    }

    /** Every live binding (for the admin API and keep-alives); a snapshot. */
    public List<Binding> allBindings() {
        long now = clockMillis.getAsLong();
        List<Binding> out = new ArrayList<>();
        for (Map.Entry<String, List<Binding>> e : byAor.entrySet()) {
            for (Binding b : e.getValue()) {
                if (b.expiresAtMillis() > now) {
                    out.add(b);
                }
            }
        }
        return out;
    }

    /** Bindings held, lapsed ones not yet purged included (the bounded quantity). */
    public int bindingCount() {
        return total.get();
    }

    private SipResponse ok(SipRequest request, String aor, long now) {
        SipResponse r = response(request, 200, "OK");
        for (Binding b : contactsFor(aor)) {
            r.addHeader("Contact", NameAddr.of(b.contact()).withParam("expires",
                    Integer.toString(b.remainingSeconds(now))).toString());
        }
        return r;
    }

    private static SipResponse response(SipRequest request, int code, String reason) {
        return SipResponses.create(request, code, reason, SipTokens.newTag());
    }

    /** delta-seconds (RFC 3261 §20.19), or -1 when absent or not a number; huge values saturate. */
    private static int parseExpires(String v) {
        if (v == null) {
            return -1;
        }
        String t = v.trim();
        if (t.isEmpty() || t.length() > 10) {
            return t.chars().allMatch(Character::isDigit) && !t.isEmpty() ? Integer.MAX_VALUE : -1;
        }
        for (int i = 0; i < t.length(); i++) {
            if (!Character.isDigit(t.charAt(i))) {
                return -1;
            }
        }
        long n = Long.parseLong(t);
        return n > Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) n;
    }

    /** q-value (RFC 3261 §20.10, 0..1 with up to 3 decimals) in thousandths; 1000 when absent or malformed. */
    private static int q(String v) {
        if (v == null) {
            return 1000;
        }
        try {
            double d = Double.parseDouble(v.trim());
            return d < 0 || d > 1 ? 1000 : (int) Math.round(d * 1000);
        } catch (NumberFormatException e) {
            return 1000;
        }
    }
}
