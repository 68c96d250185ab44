#!/usr/bin/env bash
# install.sh: installs fazt on a Linux host from this unpacked fazt tree (a git clone or a release tarball), with
# Docker Compose or with systemd. It downloads nothing itself; only --with-deps (systemd) asks apt for Debian's
# packages. Run it again at any time: it changes only what differs and never replaces a secret that exists.
#
#   sudo ./install.sh --mode compose [--single] [--domain example.com]
#   sudo ./install.sh --mode systemd [--single] [--domain example.com] [--with-deps]
#
# Options:
#   --mode compose|systemd  Docker Compose (containers, PostgreSQL and NATS included) or systemd units running the
#                           built server (scripts/build) against this host's PostgreSQL and NATS
#   --single                every service in one JVM (one container, or one fazt.service)
#   --domain NAME           base domain: apps at <name>.NAME, admin at admin.NAME (default localhost)
#   --http-port N           public HTTP port (default 80 with --domain, else 8080)
#   --email ADDRESS         contact address for the ACME account (HTTPS certificates)
#   --prefix DIR            where fazt goes (default /opt/fazt): the compose project, or the server and CLI
#   --data DIR              systemd: state (master key, passwords, NATS data) (default /var/lib/fazt)
#   --config DIR            systemd: the settings file fazt.env (default /etc/fazt)
#   --db-url URL            systemd: jdbc:postgresql://host:port/database (default jdbc:postgresql://127.0.0.1:5432/fazt)
#   --db-admin-user NAME    systemd: PostgreSQL login that provisions the database (default: a fazt_admin role made
#                           through the local postgres account, able to log in only while install.sh runs)
#   --db-admin-password-file FILE  systemd: that login's password
#   --nats-url URL          systemd: use this NATS (JetStream) instead of fazt-nats.service, fazt's own nats-server
#   --nats-port N           systemd: loopback port of fazt-nats.service (default 4223)
#   --subject-root NAME     first token of fazt's NATS subjects (default fazt)
#   --management-port N     systemd: base of the services' management ports (default 9100)
#   --with-deps             systemd: apt-get install Debian's postgresql, nats-server and curl when missing
#   --no-start              write everything, start nothing (compose: no `up`; systemd: no provision, no start)
#   --root DIR              stage into DIR (as DESTDIR): files name their final paths; no users, no start
#   --dry-run               say what would change, change nothing
#   --yes                   no questions
#   -h, --help              this text
set -euo pipefail
shopt -s lastpipe  # `... | put_file` runs put_file in this shell, so its count of changes is kept
umask 077

src=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
say() { printf '%s\n' "$*"; }
fail() { printf 'fazt install: %s\n' "$*" >&2; exit 1; }
usage() { sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; }
# shellcheck source=scripts/lib/install/files.sh
. "$src/scripts/lib/install/files.sh"
# shellcheck source=scripts/lib/install/setup_link.sh
. "$src/scripts/lib/install/setup_link.sh"

mode="" single=0 domain="" http_port="" email="" prefix=/opt/fazt data=/var/lib/fazt config=/etc/fazt
db_url="" db_admin_user="" db_admin_password_file="" nats_url="" nats_port="" subject_root="" management_port=""
with_deps=0 no_start=0 root="" dry_run=0 yes=0 changed=0

need() { if [ $# -lt 2 ] || [ -z "$2" ]; then fail "$1 needs a value (see --help)"; fi; }
while [ $# -gt 0 ]; do
  case $1 in
    --mode) need "$@"; mode=$2; shift ;;
    --single) single=1 ;;
    --domain) need "$@"; domain=$2; shift ;;
    --http-port) need "$@"; http_port=$2; shift ;;
    --email) need "$@"; email=$2; shift ;;
    --prefix) need "$@"; prefix=$2; shift ;;
    --data) need "$@"; data=$2; shift ;;
    --config) need "$@"; config=$2; shift ;;
    --db-url) need "$@"; db_url=$2; shift ;;
    --db-admin-user) need "$@"; db_admin_user=$2; shift ;;
    --db-admin-password-file) need "$@"; db_admin_password_file=$2; shift ;;
    --nats-url) need "$@"; nats_url=$2; shift ;;
    --nats-port) need "$@"; nats_port=$2; shift ;;
    --subject-root) need "$@"; subject_root=$2; shift ;;
    --management-port) need "$@"; management_port=$2; shift ;;
    --with-deps) with_deps=1 ;;
    --no-start) no_start=1 ;;
    --root) need "$@"; root=$2; shift ;;
    --dry-run) dry_run=1 ;;
    --yes|-y) yes=1 ;;
    -h|--help) usage; exit 0 ;;
    *) fail "unknown option \"$1\" (see --help)" ;;
  esac
  shift
done

# --- checks: one line naming the option and what is expected ---
case $mode in
  compose|systemd) ;;
  "") fail "--mode: expected compose or systemd (see --help)" ;;
  *) fail "--mode: expected compose or systemd, got \"$mode\"" ;;
esac
port_ok() { [[ $1 =~ ^[1-9][0-9]{0,4}$ ]] && [ "$1" -le 65535 ]; }
[ -z "$domain" ] || [[ $domain =~ ^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)*[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$ ]] ||
  fail "--domain: expected a lower-case DNS name such as example.com, got \"$domain\""
[ -z "$http_port" ] || port_ok "$http_port" || fail "--http-port: expected a port from 1 to 65535, got \"$http_port\""
[ -z "$nats_port" ] || port_ok "$nats_port" || fail "--nats-port: expected a port from 1 to 65535, got \"$nats_port\""
[ -z "$management_port" ] || { port_ok "$management_port" && [ "$management_port" -le 65529 ]; } ||
  fail "--management-port: expected a port from 1 to 65529, got \"$management_port\""
[ -z "$email" ] || [[ $email =~ ^[^@[:space:]]+@[^@[:space:]]+$ ]] || fail "--email: expected an address, got \"$email\""
[ -z "$subject_root" ] || [[ $subject_root =~ ^[a-z0-9][a-z0-9_-]{0,62}$ ]] ||
  fail "--subject-root: expected lower-case letters, digits, _ and - (at most 63), got \"$subject_root\""
[ -z "$db_url" ] || [[ $db_url =~ ^jdbc:postgresql://[^/[:space:]]+/[A-Za-z_][A-Za-z0-9_]*(\?[^[:space:]]*)?$ ]] ||
  fail "--db-url: expected jdbc:postgresql://host:port/database, got \"$db_url\""
[ -z "$nats_url" ] || [[ $nats_url =~ ^(nats|tls)://[^[:space:]]+$ ]] || fail "--nats-url: expected nats://host:port, got \"$nats_url\""
[ -z "$db_admin_password_file" ] || [ -r "$db_admin_password_file" ] ||
  fail "--db-admin-password-file: cannot read \"$db_admin_password_file\""
for dir in "$prefix" "$data" "$config"; do
  [[ $dir =~ ^(/[A-Za-z0-9._-]+)+$ ]] ||
    fail "--prefix, --data and --config: expected an absolute path of letters, digits, . _ and -, got \"$dir\""
done
if [ -n "$root" ]; then
  [ -d "$root" ] || fail "--root: \"$root\" is not a directory"
  root=$(cd "$root" && pwd)
  [ "$root" != / ] || root=""
fi
staging=0
[ -n "$root" ] && staging=1
[ "$staging" = 1 ] || dry || [ "$(id -u)" = 0 ] ||
  fail "needs root to create users, units and $prefix (sudo ./install.sh ...), or --root DIR to stage, or --dry-run"
http_port_default=8080  # with a real domain: 80, where ACME's HTTP-01 validation arrives
if [ -n "$domain" ] && [ "$domain" != localhost ]; then http_port_default=80; fi
start=1
{ [ "$no_start" = 1 ] || [ "$staging" = 1 ]; } && start=0


if [ "$yes" = 0 ] && [ "$start" = 1 ] && ! dry && [ -t 0 ]; then
  printf 'Install fazt (%s%s) into %s%s? [y/N] ' "$mode" "$([ "$single" = 1 ] && echo ', one JVM')" "$prefix" \
    "$([ "$mode" = systemd ] && echo ", $data and $config")"
  read -r answer
  [[ $answer =~ ^[Yy] ]] || fail "nothing installed"
fi

case $mode in
  compose)
    # shellcheck source=scripts/lib/install/compose.sh
    . "$src/scripts/lib/install/compose.sh"
    install_compose
    ;;
  systemd)
    # shellcheck source=scripts/lib/install/systemd.sh
    . "$src/scripts/lib/install/systemd.sh"
    install_systemd
    ;;
esac
if dry; then say "fazt install: dry run, nothing changed"
elif [ "$changed" = 0 ]; then say "fazt install: nothing to change, already installed"
else say "fazt install: done ($changed $([ "$changed" = 1 ] && echo change || echo changes))"; fi
