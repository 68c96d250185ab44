# shellcheck shell=bash disable=SC2154  # run_dir, log_dir, the timeouts: set by scripts/stack, which sources this
# `scripts/stack upgrade`: the jar mode's upgrade (docs/upgrade.md, ADR 43). Sourced by scripts/stack, whose
# functions it uses (start_process, stop_supervisors, healthy, port_of, ...).
#
#   upgrade --check [--from DIR|URL]   verify the release's signature and say what would change; stops nothing
#   upgrade [--from DIR|URL]           the whole upgrade:
#     1. the installed launcher verifies release.json against the pinned key (FAZT_HOME/current/release.pub, or
#        FAZT_RELEASE_KEY) and fetches every file, checked for size and SHA-256, into FAZT_HOME/releases/<version>;
#        any refusal ends here, with nothing stopped
#     2. the new release's `fazt-server provision` runs the additive migrations once
#     3. one service at a time: its new process starts beside the old one (the other slot: "<name>~up" or "<name>"),
#        both in the service's NATS queue groups; once the new one is healthy the old one's supervisor stops and the
#        old process gets SIGTERM (it drains); a new process that is not healthy within FAZT_STACK_TIMEOUT, or dies,
#        is stopped, and every service already switched goes back to the old release the same way
#     4. FAZT_HOME/current points at the new release, so the next `up` starts it
# FAZT_RELEASE_SOURCE is the default --from.

upgrade_order() { # the backends first, the gateway (the HTTP edge) last
  local svc
  for svc in auth deploy storage scheduler mail runtime $(extra_runtimes) gateway; do echo "$svc"; done
}

other_slot() { # process name of the other slot
  if [[ $1 == *~up ]]; then echo "${1%~up}"; else echo "$1~up"; fi
}

stop_instance() { # name: its supervisor first (so nothing starts it again), then SIGTERM, SIGKILL after stop_timeout
  local name=$1 pid deadline
  stop_supervisors "$name"
  pid=$(cat "$run_dir/$name.pid" 2>/dev/null) || pid=
  if [ -n "$pid" ] && is_ours "$pid"; then
    kill -TERM "$pid" 2>/dev/null || true
    deadline=$((SECONDS + stop_timeout))
    while running "$pid"; do
      if [ $SECONDS -ge $deadline ]; then kill -KILL "$pid" 2>/dev/null || true; break; fi
      sleep 0.1
    done
  fi
  rm -f "$run_dir/$name.pid" "$supervise_dir/$name.state"
}

# svc from to release-dir: starts `to` (the other slot) on that release beside `from`, waits for its health, then
# stops `from`. Returns 1, with `to` stopped and `from` untouched, when `to` dies or is not healthy in time.
switch_instance() {
  local svc=$1 from=$2 to=$3 release=$4 targets=$1 base pid deadline
  [[ $svc == runtime-* ]] && targets=runtime
  base=$(($(port_of "$to") - $(offset_of "$targets")))
  pid=$(stack_release=$release keep_log=1 start_process "$to" "$targets" "$base" "$to") || return 1
  deadline=$((SECONDS + start_timeout))
  until healthy "$to" "$(cat "$run_dir/$to.pid" 2>/dev/null)"; do
    if [ $SECONDS -ge $deadline ] || grep -q '^restarts=[1-9]' "$supervise_dir/$to.state" 2>/dev/null; then
      stop_instance "$to"
      return 1
    fi
    sleep 0.2
  done
  stop_instance "$from"
  printf '%s fazt-stack: %s now runs release %s (pid %s, management port %s)\n' "$(date -u +%Y-%m-%dT%H:%M:%SZ)" \
    "$svc" "${release##*/}" "$(cat "$run_dir/$to.pid")" "$(port_of "$to")" >> "$log_dir/$svc.log"
}

cmd_upgrade() {
  local check=0 from=${FAZT_RELEASE_SOURCE:-}
  while [ $# -gt 0 ]; do
    case $1 in
      --check) check=1 ;;
      --from) [ $# -ge 2 ] || fail "upgrade: --from needs a release directory or URL"; from=$2; shift ;;
      *) fail "upgrade: unexpected argument \"$1\"; usage: scripts/stack upgrade [--check] [--from DIR|URL]" ;;
    esac
    shift
  done
  [ -n "$from" ] || fail "upgrade: no release to upgrade to: give --from DIR|URL (or set FAZT_RELEASE_SOURCE)"
  local current key
  current=$(current_release)
  key=${FAZT_RELEASE_KEY:-${current:+$current/release.pub}}
  [ -n "$key" ] || fail "upgrade: no pinned release key: this stack runs a build of this checkout, not an installed" \
    "release; set FAZT_RELEASE_KEY to the minisign public key you trust (docs/upgrade.md)"
  [ -f "$key" ] || fail "upgrade: the pinned release key $key is missing"
  local verifier
  verifier=$(launcher "$current")
  if [ $check = 1 ]; then
    exec "$verifier" release check --from "$from" --key "$key" ${current:+--current "$current"}
  fi
  [ -z "${FAZT_TARGETS:-}" ] || fail "upgrade: FAZT_TARGETS runs several services in one JVM, which cannot be" \
    "replaced one at a time; upgrade with: scripts/stack down, then ln -sfn releases/<version> \$FAZT_HOME/current" \
    "after a verified fetch (docs/upgrade.md)"
  local svc name
  local -a order=()
  mapfile -t order < <(upgrade_order)
  for svc in "${order[@]}"; do
    name=$(instance_of "$svc")
    if ! pid_of "$name" > /dev/null || ! healthy "$name" "$(pid_of "$name")"; then
      fail "upgrade: $svc is not up and healthy (scripts/stack status); nothing was changed"
    fi
  done

  # 1. Verify and fetch everything before anything stops.
  local release version
  mkdir -p "$FAZT_HOME/releases"
  release=$("$verifier" release fetch --from "$from" --key "$key" --into "$FAZT_HOME/releases" \
    ${current:+--current "$current"}) || fail "upgrade refused; nothing was stopped"
  release=$(printf '%s\n' "$release" | tail -n 1)
  version=${release##*/}

  # 2. The additive migrations, once, by the new release.
  if ! stack_release=$release "$(launcher "$release")" provision > "$log_dir/provision.log" 2>&1; then
    say "fazt: provisioning with release $version failed; nothing was stopped. Last lines of $log_dir/provision.log:" >&2
    tail -n 20 "$log_dir/provision.log" >&2
    exit 1
  fi

  # 3. One service at a time, new beside old; back to the old release on a failed health check.
  local -a switched=()
  local from_name to_name i
  for svc in "${order[@]}"; do
    from_name=$(instance_of "$svc")
    to_name=$(other_slot "$from_name")
    say "fazt: $svc: starting release $version beside the running one"
    if ! switch_instance "$svc" "$from_name" "$to_name" "$release"; then
      say "fazt: $svc on release $version did not become healthy; last lines of $log_dir/$svc.log:" >&2
      tail -n 15 "$log_dir/$svc.log" >&2
      local back=0 entry_svc entry_from entry_to
      for ((i = ${#switched[@]} - 1; i >= 0; i--)); do
        IFS=' ' read -r entry_svc entry_from entry_to <<< "${switched[$i]}"
        if switch_instance "$entry_svc" "$entry_to" "$entry_from" "$current"; then
          back=$((back + 1))
        else
          say "fazt: $entry_svc could not be put back on the old release; it stays on $version" >&2
        fi
      done
      local previous="the build of this checkout"
      [ -z "$current" ] || previous="release ${current##*/}"
      fail "upgrade to $version rolled back: $svc failed its health check; $back service(s) put back on" \
        "$previous, the others were never stopped"
    fi
    switched+=("$svc $from_name $to_name")
  done

  # 4. The next `up` starts the new release.
  ln -sfn "releases/$version" "$FAZT_HOME/current.new"
  mv -Tf "$FAZT_HOME/current.new" "$FAZT_HOME/current"
  say "fazt: upgraded to $version (${#order[@]} services switched one at a time)"
}
