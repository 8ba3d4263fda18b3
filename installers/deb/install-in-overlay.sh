#!/bin/sh
# Installs, reinstalls and purges the package for real, maintainer scripts included, in a
# throwaway copy of this machine's root: an overlay (upper layer in tmpfs) in a private mount
# namespace, so nothing reaches the real system. install-in-overlay.sh DEB (as root, run by
# check-deb.sh). Exit 0: passed; 1: a check failed; 77: this machine cannot do it (skip).
set -eu
deb=$1
if [ -z "${NETREADY_IN_NAMESPACE:-}" ]; then
  [ "$(id -u)" = 0 ] && command -v unshare >/dev/null || exit 77
  NETREADY_IN_NAMESPACE=1 exec unshare --mount --propagation private "$0" "$@"
fi
layer=$(mktemp -d)
trap 'umount -R "$layer" 2>/dev/null; rmdir "$layer"' EXIT
mount -t tmpfs tmpfs "$layer" || exit 77
mkdir "$layer/upper" "$layer/work" "$layer/root"
mount -t overlay overlay -o "lowerdir=/,upperdir=$layer/upper,workdir=$layer/work" "$layer/root" || exit 77
mount -t proc proc "$layer/root/proc"
cp "$deb" "$layer/root/tmp/netready.deb"

# Everything below runs inside the copy. Checks against dpkg's and the system's own view.
chroot "$layer/root" /bin/sh -eu <<'CHECKS'
fail() { echo "install-in-overlay: FAIL: $*" >&2; exit 1; }
ok() { echo "install-in-overlay: ok: $*"; }
! id netready >/dev/null 2>&1 || fail "the copy already has a netready user"
dpkg -i /tmp/netready.deb >/dev/null
id netready >/dev/null && ok "postinst created the netready user"
[ "$(stat -c '%U %G %a' /etc/netready/token)" = "netready netready 600" ] \
  && ok "token: netready netready 600" || fail "token: $(stat -c '%U %G %a' /etc/netready/token)"
[ "$(/usr/bin/netready --version)" = "netready $(dpkg-query -W -f '${Version}' netready | tr '~' -)" ] \
  && ok "netready on the PATH" || fail "netready --version: $(/usr/bin/netready --version 2>&1)"
# An administrator's token and configuration survive a reinstall (conffiles, statoverride).
echo nrt_kept > /etc/netready/token
echo "site: kept" >> /etc/netready/agent.yaml
dpkg -i --force-confold /tmp/netready.deb >/dev/null
[ "$(cat /etc/netready/token)" = nrt_kept ] && [ "$(stat -c '%U %a' /etc/netready/token)" = "netready 600" ] \
  && ok "reinstall keeps the token, its owner and mode" || fail "reinstall changed the token"
grep -qx 'site: kept' /etc/netready/agent.yaml && ok "reinstall keeps agent.yaml" || fail "reinstall lost agent.yaml"
mkdir -p /var/lib/netready/spool && touch /var/lib/netready/spool/r1
dpkg --purge netready >/dev/null 2>&1
[ ! -e /etc/netready ] && [ ! -e /var/lib/netready ] && [ ! -e /opt/netready ] \
  && ok "purge removes configuration, spool and programs" || fail "purge left: $(ls -d /etc/netready /var/lib/netready /opt/netready 2>/dev/null)"
! dpkg-statoverride --list /etc/netready/token >/dev/null && ok "purge removes the statoverride" \
  || fail "statoverride left after purge"
dpkg -i /tmp/netready.deb >/dev/null && [ "$(stat -c '%U %a' /etc/netready/token)" = "netready 600" ] \
  && ok "install again after purge (the user exists already)" || fail "install after purge"
CHECKS
