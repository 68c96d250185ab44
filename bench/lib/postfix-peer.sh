#!/usr/bin/env bash
# bench/lib/postfix-peer.sh: a private postfix instance on loopback, the peer of bench/run's mail scenario.
#
#   bench/lib/postfix-peer.sh start DIR SMTP_PORT RELAY_PORT   accept mail on 127.0.0.1:SMTP_PORT; mail for
#                                                              bench.localhost is discarded once queued (what fazt's
#                                                              "stored" compares with), everything else is relayed to
#                                                              127.0.0.1:RELAY_PORT
#   bench/lib/postfix-peer.sh stop DIR
#
# Debian's postfix package installed "No configuration" has no /etc/postfix/main.cf; postfix refuses an alternate
# configuration directory the default one does not list, so start writes a one-line /etc/postfix/main.cf naming DIR
# when there is none (and stop removes it again). Never run against a configured system postfix: it refuses then.
set -euo pipefail

cmd=${1:?start|stop} dir=${2:?directory}
default_cf=/etc/postfix/main.cf
marker="# written by fazt bench/lib/postfix-peer.sh"

case "$cmd" in
  start)
    smtp_port=${3:?smtp port} relay_port=${4:?relay port}
    if [ -e "$default_cf" ] && ! grep -q "$marker" "$default_cf"; then
      echo "postfix-peer: $default_cf exists (a configured postfix); not touching it" >&2
      exit 1
    fi
    mkdir -p "$dir/etc" "$dir/spool" "$dir/data"
    chown postfix "$dir/data"
    printf '%s\ncompatibility_level = 3.6\nalternate_config_directories = %s\n' "$marker" "$dir/etc" > "$default_cf"
    sed -E "s/^smtp +inet/127.0.0.1:$smtp_port inet/" /usr/share/postfix/master.cf.dist > "$dir/etc/master.cf" 2>/dev/null ||
      sed -E "s/^smtp +inet/127.0.0.1:$smtp_port inet/" /etc/postfix/master.cf > "$dir/etc/master.cf"
    cat > "$dir/etc/main.cf" <<CF
compatibility_level = 3.6
queue_directory = $dir/spool
data_directory = $dir/data
mail_owner = postfix
myhostname = bench.localhost
mydomain = localhost
mydestination = bench.localhost
inet_interfaces = loopback-only
inet_protocols = ipv4
local_transport = discard:
local_recipient_maps =
alias_maps =
alias_database =
mynetworks = 127.0.0.0/8
smtpd_recipient_restrictions = permit_mynetworks, reject_unauth_destination
relayhost = [127.0.0.1]:$relay_port
smtp_tls_security_level = none
smtpd_tls_security_level = none
maillog_file_prefixes = $dir
maillog_file = $dir/maillog
default_process_limit = 100
CF
    postfix -c "$dir/etc" start > /dev/null 2>&1 || { tail -n 5 "$dir/maillog" >&2 2>/dev/null; exit 1; }
    ;;
  stop)
    postfix -c "$dir/etc" stop > /dev/null 2>&1 || true
    if [ -e "$default_cf" ] && grep -q "$marker" "$default_cf"; then rm -f "$default_cf"; fi
    ;;
  *) echo "usage: $0 start DIR SMTP_PORT RELAY_PORT | stop DIR" >&2; exit 2 ;;
esac
