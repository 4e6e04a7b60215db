/**
 * Registration both ways (RFC 3261 §10).
 *
 * <p><b>The SBC registering with trunks:</b> {@link io.sbc.signaling.registration.TrunkRegistrations}
 * (one per node, on one event loop) builds a {@link io.sbc.signaling.registration.TrunkRegistration}
 * per trunk with {@code register} ({@link io.sbc.signaling.registration.RegistrationSettings#fromPolicy}),
 * sending through a {@link io.sbc.signaling.registration.RequestSender}. The production sender is
 * {@link io.sbc.signaling.registration.TransactionRequestSender} over the trunk realm's transaction
 * layer; the UA core forwards {@code onResponse/onTimeout/onTransportError} to it first and handles
 * the event itself only when it returns false.
 *
 * <p><b>PBXs and phones registering with the SBC:</b> one {@link io.sbc.signaling.registration.Registrar}
 * per node (shared by every loop); per realm a {@link io.sbc.signaling.registration.RegisterHandler}
 * (the realm's DigestServer or null) that the UA core calls for REGISTER, sending the response it
 * returns. Calls toward a registered AOR use {@link io.sbc.signaling.registration.Registrar#contactsFor}:
 * Request-URI = binding contact, destination = binding flow (NAT pinhole / connection).
 * {@link io.sbc.signaling.registration.NatKeepAlive} pings UDP bindings; the transport calls
 * {@link io.sbc.signaling.registration.Registrar#flowClosed} when a stream connection closes.
 */
package io.sbc.signaling.registration;
