#!/bin/sh
# Builds the netready Debian package: build-deb.sh VERSION TARGET_DIR (run by Maven at `package`,
# after the agent and collector modules). It carries its own Java runtime made with jlink, so a
# branch box needs no JDK. JDK_HOME names the JDK whose jlink and jdeps are used (else the one of
# `javac` on the PATH). Writes TARGET_DIR/netready_<version>_<arch>.deb.
set -eu
version=$1
target=$2
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
jdk=${JDK_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")}

for jar in "$repo/agent/target/netready.jar" "$repo/collector/target/netready-collector.jar"; do
  if [ ! -f "$jar" ]; then
    echo "build-deb: $jar is missing; build from the repository root: mvn -DskipTests package" >&2
    exit 2
  fi
done

stage=$target/deb
root=$stage/root
rm -rf "$stage"
mkdir -p "$root/DEBIAN" "$root/opt/netready/bin/lib" "$root/opt/netready/lib/lib" "$root/usr/bin" \
  "$root/etc/netready" "$root/etc/default" "$root/lib/systemd/system" "$root/usr/share/doc/netready"

# Jars: both manifests name their classpath as lib/*.jar next to the jar, and the agent's
# libraries are a subset of the collector's, so one lib/ serves both. Native jars for other
# systems are left out (a missing Class-Path entry is skipped by the JVM, JAR File Specification).
cp "$repo/agent/target/netready.jar" "$repo/collector/target/netready-collector.jar" "$root/opt/netready/lib/"
cp "$repo/agent/target/lib/"*.jar "$root/opt/netready/lib/lib/"
cp "$repo/collector/target/lib/"*.jar "$root/opt/netready/lib/lib/"
rm -f "$root/opt/netready/lib/lib/"*-osx-*.jar "$root/opt/netready/lib/lib/"*-windows-*.jar \
  "$root/opt/netready/lib/lib/"*-linux-aarch_64.jar "$root/opt/netready/lib/lib/"*-linux-riscv64.jar

# The Java runtime: the modules jdeps finds in the jars and their libraries, plus the ones only
# reached through ServiceLoader, which jdeps cannot see: jdk.crypto.ec for the elliptic-curve
# TLS key exchange on JDK 17-21 (merged into java.base later).
modules=$("$jdk/bin/jdeps" --multi-release 17 --ignore-missing-deps --print-module-deps \
  --class-path "$root/opt/netready/lib/lib/*" \
  "$root/opt/netready/lib/netready.jar" "$root/opt/netready/lib/netready-collector.jar")
if "$jdk/bin/java" --list-modules | grep -q '^jdk.crypto.ec@'; then
  modules=$modules,jdk.crypto.ec
fi
major=$("$jdk/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
if [ "$major" -ge 21 ]; then compress=zip-6; else compress=2; fi
# java.desktop is there for java.beans (snakeyaml); its native AWT, sound and imaging libraries
# are never loaded by a headless server and would pull X11, ALSA and image libraries into Depends.
"$jdk/bin/jlink" --add-modules "$modules" --output "$root/opt/netready/runtime" \
  --strip-debug --no-man-pages --no-header-files --compress="$compress" \
  --exclude-files='**/libawt*.so,**/libjawt.so,**/libsplashscreen.so,**/libjsound.so,**/libfontmanager.so,**/liblcms.so,**/libjavajpeg.so,**/libmlib_image.so'

echo "build-deb: Java $major runtime with $modules"

# One launcher serves both names: it runs lib/<its name>.jar.
install -m 0755 "$here/netready" "$root/opt/netready/bin/netready"
ln -s netready "$root/opt/netready/bin/netready-collector"
install -m 0755 "$repo/bin/lib/run-jar" "$root/opt/netready/bin/lib/run-jar"
ln -s /opt/netready/bin/netready "$root/usr/bin/netready"
ln -s /opt/netready/bin/netready-collector "$root/usr/bin/netready-collector"

install -m 0644 "$here/etc/agent.yaml" "$root/etc/netready/agent.yaml"
# The site token: empty until the installer writes it; postinst hands it to the service user.
install -m 0600 /dev/null "$root/etc/netready/token"
install -m 0644 "$here/etc/default-netready-agent" "$root/etc/default/netready-agent"
install -m 0644 "$here/etc/default-netready-collector" "$root/etc/default/netready-collector"
install -m 0644 "$here/../systemd/netready-agent.service" "$here/../systemd/netready-collector.service" \
  "$root/lib/systemd/system/"
install -m 0644 "$repo/docs/install-agent.md" "$repo/docs/install-collector.md" "$root/usr/share/doc/netready/"

install -m 0755 "$here/debian/postinst" "$here/debian/prerm" "$here/debian/postrm" "$root/DEBIAN/"
install -m 0644 "$here/debian/conffiles" "$root/DEBIAN/conffiles"
# Debian versions sort ~ before anything, so 0.1.0~SNAPSHOT comes before the 0.1.0 release.
debversion=$(echo "$version" | sed 's/-/~/g')
arch=$(dpkg --print-architecture)
size=$(du -sk --exclude=DEBIAN "$root" | cut -f1)
sed -e "s/@VERSION@/$debversion/" -e "s/@ARCH@/$arch/" -e "s/@SIZE@/$size/" \
  "$here/debian/control" > "$root/DEBIAN/control"

# gzip, not xz: the jars and the jlink image are compressed already, so xz saved 5 % (71 against
# 75 MB) for 15 times the build time.
dpkg-deb --root-owner-group -Zgzip --build "$root" "$target/netready_${debversion}_${arch}.deb"
