/**
 * JMH benchmarks. Packages mirror the production packages they measure
 * ({@code io.sbc.bench.codec} measures {@code io.sbc.signaling.codec}). Run with {@code bench/jmh}.
 */
package io.sbc.bench;
