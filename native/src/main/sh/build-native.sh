#!/bin/sh
# Builds libsbcnative.so into the module's classes (and so its jar) with the machine's gcc.
# Called by Maven on linux-x86_64 only (see pom.xml). Never fails the build: without gcc or JNI
# headers it says why and exits 0, and the Java side runs on its pure-Java fallbacks.
# Usage: build-native.sh <java.home> <source dir> <output dir>
set -u
JAVA_HOME_DIR="$1"
SRC="$2"
OUT="$3/native/linux-x86_64"
if ! command -v gcc >/dev/null 2>&1; then
  echo "sbc-native: gcc not found, building without libsbcnative.so (pure-Java fallbacks)"
  exit 0
fi
if [ ! -f "$JAVA_HOME_DIR/include/jni.h" ]; then
  echo "sbc-native: no JNI headers under $JAVA_HOME_DIR/include (a JRE?), building without libsbcnative.so"
  exit 0
fi
mkdir -p "$OUT"
if gcc -O2 -fPIC -shared -Wall -Wextra -Werror -Wl,-z,noexecstack \
    -I"$JAVA_HOME_DIR/include" -I"$JAVA_HOME_DIR/include/linux" \
    -o "$OUT/libsbcnative.so" "$SRC"/*.c; then
  echo "sbc-native: built $OUT/libsbcnative.so"
else
  # -Werror is a gate for developers and CI (NativeAsanIT compiles with the same flags and fails);
  # a user's build on an odd toolchain still gets a working, pure-Java jar.
  rm -f "$OUT/libsbcnative.so"
  echo "sbc-native: gcc failed, building without libsbcnative.so (pure-Java fallbacks)"
fi
exit 0
