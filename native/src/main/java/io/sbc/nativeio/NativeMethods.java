package io.sbc.nativeio;

import java.nio.ByteBuffer;

/**
 * The JNI surface of {@code libsbcnative.so} (src/main/c). Only direct buffers, ints and longs cross
 * it; the C side checks every offset and length against the buffer's capacity and returns
 * {@code -errno} instead of throwing. Call only after {@link NativeLibrary#isAvailable()} is true:
 * the public wrappers in this package do that and fall back otherwise.
 */
final class NativeMethods {

    private NativeMethods() {
    }

    static native int abiVersion();

    static native int pinCurrentThread(int cpu);

    static native long currentThreadAffinity();

    static native int setCurrentThreadFifo(int priority);

    static native int currentThreadScheduling();

    static native int enableTimestamps(int fd);

    static native int udpOpen(int family, byte[] addr, int port, int bufBytes);

    static native int localPort(int fd);

    static native int receive(int fd, ByteBuffer buf, int off, int cap, ByteBuffer meta);

    static native int receiveBatch(int fd, ByteBuffer slots, int slotBytes, int maxMsgs, ByteBuffer meta);

    static native int sendBatch(int fd, ByteBuffer slots, int slotBytes, int count, ByteBuffer meta);

    static native int sendTo(int fd, ByteBuffer buf, int len, ByteBuffer meta);

    static native int connect(int fd, ByteBuffer meta);

    static native int send(int fd, ByteBuffer buf, int len);

    static native int epollCreate();

    static native int epollAdd(int epfd, int fd, int token);

    static native int epollRemove(int epfd, int fd);

    static native int epollAwait(int epfd, int timeoutMs);

    static native int close(int fd);

    static native int pollReceive(int epfd, ByteBuffer slots, int slotBytes, int maxMsgs, int perFdMax, ByteBuffer meta);
}
