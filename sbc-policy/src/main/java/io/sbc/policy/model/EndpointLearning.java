package io.sbc.policy.model;

/**
 * How a realm learns the real address of a peer behind NAT: {@code off} trusts Via/Contact,
 * {@code immediate} uses the packet source at once, {@code delayed} after the first authenticated
 * request, {@code heuristic} only when Via/Contact hold private (RFC 1918) addresses.
 */
public enum EndpointLearning { OFF, IMMEDIATE, DELAYED, HEURISTIC }
