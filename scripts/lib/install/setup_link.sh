# shellcheck shell=bash
# The end of an install: where the admin lives, and the one-time link (with its QR code) that creates the first admin,
# printed by `fazt-server setup-link` (auth-svc's own rendering) from the link the running auth-svc issued.

show_setup_link() { # domain http-port token-command command...: runs `fazt-server setup-link` through command...
  local domain=$1 port=$2 token_command=$3 admin output rc deadline=$((SECONDS + 30))
  shift 3
  admin=http://admin.$domain
  [ "$port" = 80 ] || admin=$admin:$port
  while :; do
    rc=0
    output=$("$@" 2>&1) || rc=$?
    # 3: auth-svc has not written its link yet (it does so just after it starts); anything else is an answer.
    if [ "$rc" != 3 ] || [ $SECONDS -ge $deadline ]; then break; fi
    sleep 1
  done
  say ""
  say "fazt is running. Admin: $admin"
  if [ "$rc" = 0 ]; then
    printf '%s\n' "$output"
  else
    say "  $output"
  fi
  say "  bootstrap admin token (for scripts; fazt tokens create makes scoped ones): $token_command"
  say "  then: fazt login $admin"
}
