/*
 * JNI entry points of io.sbc.nativeio.NativeMethods. They take only direct ByteBuffers, ints and
 * longs, check every offset and length against the buffer's capacity before handing raw pointers to
 * sbcnative_core.c, and never throw: errors come back as -errno.
 */
#include <errno.h>
#include <jni.h>
#include <stdint.h>

#include "sbcnative.h"

/* Base address of a direct buffer if [off, off + len) lies inside it, else NULL. */
static uint8_t *span(JNIEnv *env, jobject buffer, jlong off, jlong len) {
    if (buffer == NULL || off < 0 || len < 0) {
        return NULL;
    }
    uint8_t *base = (*env)->GetDirectBufferAddress(env, buffer);
    jlong capacity = (*env)->GetDirectBufferCapacity(env, buffer);
    if (base == NULL || capacity < 0 || off > capacity || len > capacity - off) {
        return NULL;
    }
    return base + off;
}

JNIEXPORT jint JNICALL Java_io_sbc_nativeio_NativeMethods_abiVersion(JNIEnv *env, jclass cls) {
    (void) env;
    (void) cls;
    return SBC_ABI_VERSION;
}

JNIEXPORT jint JNICALL Java_io_sbc_nativeio_NativeMethods_pinCurrentThread(JNIEnv *env, jclass cls, jint cpu) {
    (void) env;
    (void) cls;
    return sbc_pin_current_thread(cpu);
}

JNIEXPORT jlong JNICALL Java_io_sbc_nativeio_NativeMethods_currentThreadAffinity(JNIEnv *env, jclass cls) {
    (void) env;
    (void) cls;
    return sbc_current_thread_affinity();
}

JNIEXPORT jint JNICALL Java_io_sbc_nativeio_NativeMethods_setCurrentThreadFifo(JNIEnv *env, jclass cls,
        jint priority) {
    (void) env;
    (void) cls;
    return sbc_set_current_thread_fifo(priority);
}

JNIEXPORT jint JNICALL Java_io_sbc_nativeio_NativeMethods_currentThreadScheduling(JNIEnv *env, jclass cls) {
    (void) env;
    (void) cls;
    return sbc_current_thread_scheduling();
}

JNIEXPORT jint JNICALL Java_io_sbc_nativeio_NativeMethods_enableTimestamps(JNIEnv *env, jclass cls, jint fd) {
    (void) env;
    (void) cls;
    return sbc_enable_timestamps(fd);
}

JNIEXPORT jint JNICALL Java_io_sbc_nativeio_NativeMethods_udpOpen(JNIEnv *env, jclass cls, jint family,
        jbyteArray addr, jint port, jint bufBytes) {
    (void) cls;
    uint8_t a[16];
    jsize want = family == 4 ? 4 : 16;
    if (addr == NULL || (*env)->GetArrayLength(env, addr) != want) {
        return -EINVAL;
    }
    (*env)->GetByteArrayRegion(env, addr, 0, want, (jbyte *) a);
    return sbc_udp_open(family, a, port, bufBytes);
}

JNIEXPORT jint JNICALL Java_io_sbc_nativeio_NativeMethods_localPort(JNIEnv *env, jclass cls, jint fd) {
    (void) env;
    (void) cls;
    return sbc_local_port(fd);
}

JNIEXPORT jint JNICALL Java_io_sbc_nativeio_NativeMethods_receive(JNIEnv *env, jclass cls, jint fd,
        jobject buf, jint off, jint cap, jobject meta) {
    (void) cls;
    uint8_t *b = span(env, buf, off, cap);
    uint8_t *m = span(env, meta, 0, SBC_META_BYTES);
    if (b == NULL || m == NULL) {
        return -EINVAL;
    }
    return sbc_receive(fd, b, cap, m);
}

JNIEXPORT jint JNICALL Java_io_sbc_nativeio_NativeMethods_receiveBatch(JNIEnv *env, jclass cls, jint fd,
        jobject slots, jint slotBytes, jint maxMsgs, jobject meta) {
    (void) cls;
    if (slotBytes <= 0 || maxMsgs <= 0 || maxMsgs > SBC_MAX_BATCH) {
        return -EINVAL;
    }
    uint8_t *s = span(env, slots, 0, (jlong) slotBytes * maxMsgs);
    uint8_t *m = span(env, meta, 0, (jlong) SBC_META_BYTES * maxMsgs);
    if (s == NULL || m == NULL) {
        return -EINVAL;
    }
    return sbc_receive_batch(fd, s, slotBytes, maxMsgs, m);
}

JNIEXPORT jint JNICALL Java_io_sbc_nativeio_NativeMethods_sendBatch(JNIEnv *env, jclass cls, jint fd,
        jobject slots, jint slotBytes, jint count, jobject meta) {
    (void) cls;
    if (slotBytes <= 0 || count <= 0 || count > SBC_MAX_BATCH) {
        return -EINVAL;
    }
    uint8_t *s = span(env, slots, 0, (jlong) slotBytes * count);
    uint8_t *m = span(env, meta, 0, (jlong) SBC_META_BYTES * count);
    if (s == NULL || m == NULL) {
        return -EINVAL;
    }
    return sbc_send_batch(fd, s, slotBytes, count, m);
}

JNIEXPORT jint JNICALL Java_io_sbc_nativeio_NativeMethods_sendTo(JNIEnv *env, jclass cls, jint fd,
        jobject buf, jint len, jobject meta) {
    (void) cls;
    uint8_t *b = span(env, buf, 0, len);
    uint8_t *m = span(env, meta, 0, SBC_META_BYTES);
    if (b == NULL || m == NULL) {
        return -EINVAL;
    }
    return sbc_send_to(fd, b, len, m);
}

JNIEXPORT jint JNICALL Java_io_sbc_nativeio_NativeMethods_connect(JNIEnv *env, jclass cls, jint fd,
        jobject meta) {
    (void) cls;
    uint8_t *m = span(env, meta, 0, SBC_META_BYTES);
    if (m == NULL) {
        return -EINVAL;
    }
    return sbc_connect(fd, m);
}

JNIEXPORT jint JNICALL Java_io_sbc_nativeio_NativeMethods_send(JNIEnv *env, jclass cls, jint fd,
        jobject buf, jint len) {
    (void) cls;
    uint8_t *b = span(env, buf, 0, len);
    if (b == NULL) {
        return -EINVAL;
    }
    return sbc_send(fd, b, len);
}

JNIEXPORT jint JNICALL Java_io_sbc_nativeio_NativeMethods_epollCreate(JNIEnv *env, jclass cls) {
    (void) env;
    (void) cls;
    return sbc_epoll_create();
}

JNIEXPORT jint JNICALL Java_io_sbc_nativeio_NativeMethods_epollAdd(JNIEnv *env, jclass cls, jint epfd, jint fd,
        jint token) {
    (void) env;
    (void) cls;
    return sbc_epoll_add(epfd, fd, token);
}

JNIEXPORT jint JNICALL Java_io_sbc_nativeio_NativeMethods_epollRemove(JNIEnv *env, jclass cls, jint epfd, jint fd) {
    (void) env;
    (void) cls;
    return sbc_epoll_remove(epfd, fd);
}

JNIEXPORT jint JNICALL Java_io_sbc_nativeio_NativeMethods_epollAwait(JNIEnv *env, jclass cls, jint epfd,
        jint timeoutMs) {
    (void) env;
    (void) cls;
    return sbc_epoll_await(epfd, timeoutMs);
}

JNIEXPORT jint JNICALL Java_io_sbc_nativeio_NativeMethods_close(JNIEnv *env, jclass cls, jint fd) {
    (void) env;
    (void) cls;
    return sbc_close(fd);
}

JNIEXPORT jint JNICALL Java_io_sbc_nativeio_NativeMethods_pollReceive(JNIEnv *env, jclass cls, jint epfd,
        jobject slots, jint slotBytes, jint maxMsgs, jint perFdMax, jobject meta) {
    (void) cls;
    if (slotBytes <= 0 || maxMsgs <= 0 || maxMsgs > SBC_MAX_BATCH || perFdMax <= 0) {
        return -EINVAL;
    }
    uint8_t *s = span(env, slots, 0, (jlong) slotBytes * maxMsgs);
    uint8_t *m = span(env, meta, 0, (jlong) SBC_META_BYTES * maxMsgs);
    if (s == NULL || m == NULL) {
        return -EINVAL;
    }
    return sbc_poll_receive(epfd, s, slotBytes, maxMsgs, perFdMax, m);
}
