package io.sbc.signaling.b2bua;

import io.sbc.policy.PolicySnapshot;
import io.sbc.policy.model.Gateway;
import io.sbc.policy.model.ListenAddress;
import io.sbc.policy.model.Realm;
import io.sbc.policy.model.RealmAuth;
import io.sbc.policy.model.Trunk;
import io.sbc.signaling.auth.AuthFailureListener;
import io.sbc.signaling.auth.AuthResult;
import io.sbc.signaling.auth.DigestServer;
import io.sbc.signaling.auth.NonceManager;
import io.sbc.signaling.message.SipRequest;
import io.sbc.signaling.registration.Binding;
import io.sbc.signaling.registration.RegisterHandler;
import io.sbc.signaling.registration.Registrar;
import io.sbc.signaling.registration.RegistrarSettings;
import io.sbc.signaling.routing.CallAttempt;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Who may send into each realm and who is registered there (issue #5, PBX side): a
 * {@link DigestServer} per realm with {@code auth.users} (407 for INVITE/MESSAGE, 401 for REGISTER;
 * {@code auth.trust} CIDRs skip it), and a {@link Registrar} per realm that accepts REGISTER.
 *
 * <p>A realm accepts REGISTER only when it has an {@code auth} section with users or trusted CIDRs:
 * a realm without it (typically the carrier side) keeps answering 405, so nobody registers
 * contacts there unauthenticated.
 *
 * <p>Threading: shared by every worker. The digest servers of the current policy are swapped as a
 * whole ({@link #policy}); registrars live as long as the node (bindings survive reloads).
 * {@link DigestServer}, {@link NonceManager} and {@link Registrar} are safe on any event loop.
 */
public final class RealmAccess {
    /** Nonce lifetime: after it, a right answer gets a new challenge with stale=true (RFC 7616 §3.3). */
    public static final java.time.Duration NONCE_LIFETIME = NonceManager.DEFAULT_LIFETIME;

    private final NonceManager nonces;
    private final AuthFailureListener failures;
    private final LongSupplier clockMillis;
    private final Map<String, Registrar> registrars = new ConcurrentHashMap<>();
    private volatile Map<String, DigestServer> servers = Map.of();
    private volatile Map<String, RegisterHandler> registerHandlers = Map.of();
    private volatile PolicySnapshot snapshot;

    public RealmAccess(PolicySnapshot snapshot, NonceManager nonces, AuthFailureListener failures,
            LongSupplier clockMillis) {
        this.nonces = nonces;
        this.failures = failures == null ? AuthFailureListener.NONE : failures;
        this.clockMillis = clockMillis;
        policy(snapshot);
    }

    /** Installs the users and trust of a newly loaded policy (registrations are kept). Any thread. */
    public void policy(PolicySnapshot next) {
        Map<String, DigestServer> s = new HashMap<>();
        Map<String, RegisterHandler> h = new HashMap<>();
        for (Realm r : next.policy().realms().values()) {
            RealmAuth auth = r.auth();
            if (auth == null || (auth.users().isEmpty() && auth.trust().isEmpty())) {
                continue;
            }
            DigestServer server = auth.users().isEmpty() ? null
                    : new DigestServer(r.name(), auth, nonces, failures,
                            // MD5 first: many phones (and SIPp) answer only the first challenge.
                            List.of(io.sbc.signaling.auth.DigestAlgorithm.MD5,
                                    io.sbc.signaling.auth.DigestAlgorithm.SHA_256));
            if (server != null) {
                s.put(r.name(), server);
            }
            Registrar registrar = registrars.computeIfAbsent(r.name(),
                    k -> new Registrar(RegistrarSettings.defaults(), clockMillis));
            h.put(r.name(), new RegisterHandler(registrar, server));
        }
        this.snapshot = next;
        this.servers = Map.copyOf(s);
        this.registerHandlers = Map.copyOf(h);
    }

    /**
     * Digest check of a new request on {@code realm} ({@code proxy}: 407, else 401). Admitted when the
     * realm has no users, the source is trusted, or the credentials are right.
     */
    public AuthResult authenticate(String realm, SipRequest request, InetAddress source, boolean proxy) {
        DigestServer s = servers.get(realm);
        if (s == null) {
            return new AuthResult(AuthResult.Outcome.NOT_REQUIRED, null, null);
        }
        return s.authenticate(request, source, proxy);
    }

    /** The REGISTER handler of {@code realm}, or null when the realm accepts no registrations (405). */
    public RegisterHandler registerHandler(String realm) {
        return registerHandlers.get(realm);
    }

    /** The registrar of {@code realm}, or null. */
    public Registrar registrar(String realm) {
        return registrars.get(realm);
    }

    /** Every realm's registrar (for the purge timer, keep-alives and flow closes). */
    public Map<String, Registrar> registrars() {
        return registrars;
    }

    /** Removes lapsed bindings of every realm; returns how many. */
    public int purgeExpired() {
        int n = 0;
        for (Registrar r : registrars.values()) {
            n += r.purgeExpired();
        }
        return n;
    }

    /** A stream connection closed: its bindings go (RFC 5626 §5.3). */
    public int flowClosed(long connectionId) {
        int n = 0;
        for (Registrar r : registrars.values()) {
            n += r.flowClosed(connectionId);
        }
        return n;
    }

    /**
     * Attempts toward the registered contacts of {@code user} in {@code trunk}'s realm: the AOR is
     * {@code sip:user@HOST} for each listen address of the realm and its digest realm (what phones put
     * in To when they register with the SBC). Each attempt's "gateway" is the binding's flow (the
     * REGISTER's source address and port, RFC 3581), so the INVITE reaches the phone through its NAT.
     * Empty when nobody is registered.
     */
    public List<CallAttempt> registeredAttempts(Trunk trunk, String user) {
        Registrar registrar = trunk == null || user == null ? null : registrars.get(trunk.realm());
        if (registrar == null) {
            return List.of();
        }
        Realm realm = snapshot.policy().realms().get(trunk.realm());
        List<String> hosts = new ArrayList<>();
        if (realm != null) {
            for (ListenAddress l : realm.listen()) {
                hosts.add(l.ip());
            }
            if (realm.auth() != null && realm.auth().digestRealm() != null) {
                hosts.add(realm.auth().digestRealm());
            }
        }
        List<CallAttempt> out = new ArrayList<>();
        for (String host : hosts) {
            for (Binding b : registrar.contactsFor("sip:" + user + "@" + host.toLowerCase(Locale.ROOT))) {
                InetSocketAddress flow = b.flow().remote();
                String ip = flow.getAddress().getHostAddress();
                String hostRef = ip.indexOf(':') >= 0 ? "[" + ip + "]" : ip;
                String transport = "UDP".equalsIgnoreCase(b.flow().transport()) ? null
                        : b.flow().transport().toLowerCase(Locale.ROOT);
                String text = "sip:" + hostRef + ":" + flow.getPort() + (transport == null ? "" : ";transport=" + transport);
                out.add(new CallAttempt(trunk, new Gateway(new io.sbc.policy.model.SipUri(text, false, null, ip,
                        flow.getPort(), transport), 1, 1)));
            }
            if (!out.isEmpty()) {
                break;
            }
        }
        return out;
    }
}
