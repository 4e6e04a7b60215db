package io.sbc.policy.model;

/**
 * Media worker idle behaviour: hybrid (the default: spin while packets keep coming and the core is not
 * contended, else sleep in epoll until one arrives), spin on dedicated cores, backoff (spin, yield,
 * park), block (a short spin, then sleep in epoll).
 */
public enum IdleStrategy { HYBRID, SPIN, BACKOFF, BLOCK }
