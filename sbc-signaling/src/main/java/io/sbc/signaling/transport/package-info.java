/**
 * SIP transports (RFC 3261 §18, RFC 5626 keep-alives, RFC 7118 WebSocket): moves complete SIP
 * messages between sockets and the layer above; it never parses SIP beyond the Content-Length needed
 * to cut a stream.
 *
 * <h2>Entry points</h2>
 * <ul>
 *   <li>{@link io.sbc.signaling.transport.SipTransportManager}: {@code start(List<ListenPoint>)},
 *       {@code stop()}, {@code listening()}, {@code send(Flow, ByteBuf)},
 *       {@code send(ListenPoint, InetSocketAddress, ByteBuf)}, {@code counters()}.</li>
 *   <li>{@link io.sbc.signaling.transport.FrameListener}: implemented above; gets each message
 *       ({@code onFrame}) and each over-limit message ({@code onOversize}, answer 513).</li>
 *   <li>{@link io.sbc.signaling.transport.Flow}: where a message came from; pass it back to send the
 *       response over the same connection.</li>
 *   <li>{@link io.sbc.signaling.transport.ListenPoint}, {@link io.sbc.signaling.transport.TlsSettings},
 *       {@link io.sbc.signaling.transport.TransportConfig}: configuration, all validated records.</li>
 *   <li>{@link io.sbc.signaling.transport.SelfSignedCertificates}: development certificates.</li>
 * </ul>
 *
 * <h2>Threading</h2>
 * One {@code MultiThreadIoEventLoopGroup} ({@code TransportConfig.ioThreads}, threads
 * {@code sip-io-N-M}) on epoll, or NIO when epoll is missing. Each channel belongs to one event loop;
 * its {@code FrameListener} calls run there, in arrival order. {@code send} may be called from any
 * thread; a send from the channel's own loop writes at once, from elsewhere it is handed to that loop
 * by Netty. Sends to one destination keep their order, also while a connection is being opened.
 *
 * <h2>Buffer ownership</h2>
 * Inbound: the frame given to {@code onFrame}/{@code onOversize} is valid only during the call and is
 * released by the transport afterwards; retain or copy to keep it. Outbound: {@code send} takes over
 * the one reference the caller passes, in every outcome (written, failed, or refused).
 *
 * <h2>Failure handling</h2>
 * No exception reaches an event loop or Netty's pipeline tail: every pipeline ends in a terminal
 * handler that counts and closes (streams) or drops (UDP). Framing errors close the connection and
 * are counted by {@link io.sbc.signaling.transport.FramingError}; listener exceptions are caught and
 * counted; send failures complete the returned future exceptionally and are counted.
 *
 * <h2>Defaults</h2>
 * Message size limit 65536 bytes; idle stream connections closed after 300 s; one event loop; one
 * UDP socket per listen point (SO_REUSEPORT sockets with epoll when configured higher); 10000 open
 * connections; 5 s connect timeout; TLS 1.3 and 1.2 only.
 */
package io.sbc.signaling.transport;
