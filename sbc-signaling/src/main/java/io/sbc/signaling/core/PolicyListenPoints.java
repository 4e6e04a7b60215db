package io.sbc.signaling.core;

import io.sbc.policy.PolicySnapshot;
import io.sbc.policy.model.ListenAddress;
import io.sbc.policy.model.Realm;
import io.sbc.signaling.transport.ClientAuthMode;
import io.sbc.signaling.transport.ListenPoint;
import io.sbc.signaling.transport.SelfSignedCertificates;
import io.sbc.signaling.transport.TlsSettings;
import io.sbc.signaling.transport.Transport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the realms of a policy into the transport's listen points, including TLS material: PEM
 * files named by the policy, or a throwaway self-signed pair (development only) written to a
 * private temporary directory that {@link #close()} removes.
 *
 * <p>Owned by the control thread that starts and reloads the node.
 */
final class PolicyListenPoints implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PolicyListenPoints.class);

    /** One self-signed pair per realm, kept across reloads so clients that pinned it keep working. */
    private final Map<String, TlsSettings> selfSigned = new HashMap<>();
    private Path selfSignedDir;

    /** Every listen address of every realm as a transport listen point, in policy order. */
    List<ListenPoint> listenPoints(PolicySnapshot snapshot) {
        List<ListenPoint> out = new ArrayList<>();
        for (Realm realm : snapshot.policy().realms().values()) {
            for (ListenAddress a : realm.listen()) {
                Transport t = Transport.valueOf(a.transport().name());
                TlsSettings tls = t.isSecure() ? tlsFor(realm, snapshot.source()) : null;
                out.add(new ListenPoint(t, new InetSocketAddress(literal(a.ip()), a.port()), realm.name(), tls));
            }
        }
        return out;
    }

    private static InetAddress literal(String ip) {
        try {
            // The policy validated the address as an IP literal, so this never reaches DNS.
            return InetAddress.getByName(ip);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("listen address is not an IP literal: " + ip, e);
        }
    }

    private TlsSettings tlsFor(Realm realm, Path policyFile) {
        io.sbc.policy.model.TlsSettings tls = realm.tls();
        if (tls == null || tls.selfSigned()) {
            return selfSigned.computeIfAbsent(realm.name(), this::generate);
        }
        Path base = policyFile == null ? Path.of(".") : policyFile.toAbsolutePath().getParent();
        ClientAuthMode mode = ClientAuthMode.valueOf(tls.clientAuth().name());
        return new TlsSettings(base.resolve(tls.certificate()), base.resolve(tls.key()), mode,
                tls.ca() == null ? null : base.resolve(tls.ca()));
    }

    private TlsSettings generate(String realm) {
        try {
            if (selfSignedDir == null) {
                selfSignedDir = Files.createTempDirectory("sbc-tls-",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            }
            SelfSignedCertificates.Pair pair = SelfSignedCertificates.generate("sbc-" + realm,
                    List.of("localhost"), Duration.ofDays(30));
            TlsSettings settings = pair.writePem(selfSignedDir.resolve(realm + "-cert.pem"),
                    selfSignedDir.resolve(realm + "-key.pem"));
            LOG.warn("realm {}: using a self-signed TLS certificate made at start (development only)", realm);
            return settings;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the self-signed certificate for realm " + realm, e);
        }
    }

    @Override
    public void close() {
        if (selfSignedDir == null) {
            return;
        }
        try (var files = Files.list(selfSignedDir)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Files.deleteIfExists(p);
            }
            Files.deleteIfExists(selfSignedDir);
        } catch (IOException e) {
            LOG.warn("could not remove {}: {}", selfSignedDir, e.toString());
        }
    }
}
