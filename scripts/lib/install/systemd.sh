# shellcheck shell=bash
# install.sh --mode systemd: the built server under --prefix, fazt.env in --config, state in --data owned by the fazt
# system user, units from ops/systemd (a unit per service and fazt.target, or fazt.service for --single, plus
# fazt-nats.service unless --nats-url), provision run once per install, then start and wait for health.

services=(gateway auth deploy storage runtime scheduler mail)
decrypting=" gateway auth deploy scheduler mail "  # the services that read the master key (ADR 33)
units=$root/etc/systemd/system

systemd_settings() { # fazt.env's keys (see settings in compose.sh for the rules)
  env_force JAVA_HOME "$java_home"
  env_force FAZT_HOME "$data"
  env_force FAZT_CDS_DIR "$data/cds"
  # GraalJS unpacks its native resources under the user's cache; the units let the services write only here.
  env_force XDG_CACHE_HOME "$data/cache"
  env_force FAZT_MASTER_KEY_FILE "$data/keys/master-key"
  env_force FAZT_DB_PASSWORD_DIR "$data/db-passwords"
  env_force FAZT_AUTH_SECRETS_DIR "$data/auth"
  env_default FAZT_BACKUP_TARGET "$data/backups"
  if [ -n "$nats_url" ]; then
    env_force NATS_URL "$nats_url"
  else
    if [ -n "$nats_port" ]; then env_force NATS_URL "nats://127.0.0.1:$nats_port"; else env_default NATS_URL nats://127.0.0.1:4223; fi
    env_force FAZT_NATS_CREDENTIALS_DIR "$data/nats-credentials"
  fi
  if [ -n "$db_url" ]; then env_force FAZT_DB_URL "$db_url"; else env_default FAZT_DB_URL jdbc:postgresql://127.0.0.1:5432/fazt; fi
  if [ -n "$subject_root" ]; then env_force FAZT_SUBJECT_ROOT "$subject_root"; else env_default FAZT_SUBJECT_ROOT fazt; fi
  if [ -n "$domain" ]; then env_force FAZT_DOMAIN "$domain"; else env_default FAZT_DOMAIN localhost; fi
  if [ -n "$http_port" ]; then env_force FAZT_HTTP_PORT "$http_port"; else env_default FAZT_HTTP_PORT "$http_port_default"; fi
  if [ -n "$domain" ] && [ "$domain" != localhost ]; then env_default FAZT_HTTPS_PORT 443; fi
  if [ -n "$email" ]; then env_force FAZT_ACME_EMAIL "$email"; fi
  if [ -n "$management_port" ]; then env_force FAZT_MANAGEMENT_PORT "$management_port"; else env_default FAZT_MANAGEMENT_PORT 9100; fi
}

env_pairs() { # fazt.env as KEY=VALUE arguments for env(1)
  grep -E '^[A-Z_][A-Z0-9_]*=' "$root$config/fazt.env"
}

declare -A fills=()
fill() { # template: its text with every @KEY@ of fills replaced; a line that was only a placeholder and is now
  local line key bare  # empty is dropped
  while IFS= read -r line || [ -n "$line" ]; do
    bare=0
    [[ $line =~ ^@[A-Z_]+@$ ]] && bare=1
    for key in "${!fills[@]}"; do line=${line//@$key@/${fills[$key]}}; done
    [ "$bare" = 1 ] && [ -z "$line" ] && continue
    printf '%s\n' "$line"
  done < "$1"
}

isolation_of() { # service: what its unit's mount namespace shows of --data: only its own secrets (ADR 31, 33);
  local svc=$1   # "-": a file that is not there (FAZT_DB_PASSWORD set in fazt.env instead) is no error
  printf 'TemporaryFileSystem=%s/db-passwords:ro\nBindReadOnlyPaths=-%s/db-passwords/%s\n' "$data" "$data" "$svc"
  if [ -z "$nats_url" ]; then
    printf 'TemporaryFileSystem=%s/nats-credentials:ro\nBindReadOnlyPaths=-%s/nats-credentials/%s.nk\n' "$data" "$data" "$svc"
  fi
  [[ $decrypting == *" $svc "* ]] || printf 'InaccessiblePaths=%s/keys\n' "$data"
  if [ "$svc" = auth ]; then printf 'ReadWritePaths=%s/auth\n' "$data"; else printf 'InaccessiblePaths=%s/auth\n' "$data"; fi
  # Backup archives (docs/backups.md): storage-svc writes them, no other service sees them.
  if [ "$svc" = storage ]; then printf 'ReadWritePaths=%s/backups\n' "$data"; else printf 'InaccessiblePaths=%s/backups\n' "$data"; fi
  printf 'InaccessiblePaths=%s/nats' "$data"
}

capabilities_of() { # service: binding ports below 1024 is the only privilege, and only the edge services have it
  case $1 in
    gateway|mail|all) printf 'AmbientCapabilities=CAP_NET_BIND_SERVICE\nCapabilityBoundingSet=CAP_NET_BIND_SERVICE' ;;
    *) printf 'CapabilityBoundingSet=' ;;
  esac
}

write_units() {
  local svc nats_after=""
  fills=([PREFIX]=$prefix [CONFIG]=$config [DATA]=$data [NATS_SERVER]=$nats_server [NATS_PORT]=${nats_port:-4223})
  if [ -z "$nats_url" ]; then
    nats_after=fazt-nats.service
    fill "$src/ops/systemd/fazt-nats.service" | put_file "$units/fazt-nats.service" root:root 644
  else
    drop_unit fazt-nats.service
  fi
  fills[NATS_UNIT]=$nats_after
  if [ "$single" = 1 ]; then
    fills[CAPABILITIES]=$(capabilities_of all)
    fill "$src/ops/systemd/fazt.service" | put_file "$units/fazt.service" root:root 644
    for svc in "${services[@]}"; do drop_unit "fazt-$svc.service"; done
    drop_unit fazt.target
  else
    local wants=""
    for svc in "${services[@]}"; do
      fills[SERVICE]=$svc
      fills[ISOLATION]=$(isolation_of "$svc")
      fills[CAPABILITIES]=$(capabilities_of "$svc")
      fill "$src/ops/systemd/fazt-service.service" | put_file "$units/fazt-$svc.service" root:root 644
      wants+=" fazt-$svc.service"
    done
    fills[WANTS]="${wants# }${nats_after:+ $nats_after}"
    fill "$src/ops/systemd/fazt.target" | put_file "$units/fazt.target" root:root 644
    drop_unit fazt.service
  fi
}

drop_unit() { # name: a unit of the other mode (--single or not, --nats-url or not), stopped, disabled and removed
  [ -e "$units/$1" ] || return 0
  if [ "$start" = 1 ] && ! dry; then systemctl disable --now "$1" > /dev/null 2>&1 || true; fi
  act rm -f "$units/$1"
  changed=$((changed + 1))
}

install_deps() { # Debian's PostgreSQL, nats-server and curl, when asked and missing
  local -a missing=()
  command -v curl > /dev/null || missing+=(curl)
  command -v psql > /dev/null || missing+=(postgresql)
  [ -n "$nats_url" ] || [ -x "$nats_server" ] || missing+=(nats-server)
  [ ${#missing[@]} -gt 0 ] || return 0
  say "  apt-get install ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  act apt-get update -q > /dev/null
  act apt-get install -y -q "${missing[@]}" > /dev/null
  [ -x "$nats_server" ] || nats_server=$(command -v nats-server || echo /usr/sbin/nats-server)
}

install_systemd() {
  local dest=$root$prefix before
  [ -f "$src/server/target/fazt-server/fazt-server.jar" ] ||
    fail "$src/server/target/fazt-server/fazt-server.jar is missing: build it first (scripts/build), then run install.sh again"
  # shellcheck source=scripts/lib/java.sh
  . "$src/scripts/lib/java.sh"
  java_home=$(fazt_find_java_home 25) || exit 1
  nats_server=$(command -v nats-server || echo /usr/sbin/nats-server)
  say "fazt install: systemd$([ "$single" = 1 ] && echo ', one JVM') in $prefix, settings in $config, state in $data"
  if [ "$start" = 1 ] && ! dry && [ ! -d /run/systemd/system ]; then
    fail "systemd is not running on this host (no /run/systemd/system): use --mode compose, or --no-start to only write the files"
  fi
  if [ "$start" = 1 ] && [ "$with_deps" = 1 ]; then install_deps; fi
  if [ "$start" = 1 ] && ! dry && ! command -v curl > /dev/null; then
    fail "needs curl to wait for the services' health: apt install curl (or --with-deps)"
  fi
  if [ "$start" = 1 ] && [ -z "$nats_url" ] && [ ! -x "$nats_server" ]; then
    fail "needs nats-server for fazt-nats.service: apt install nats-server (or --with-deps), or give --nats-url"
  fi
  if [ "$staging" = 0 ] && ! id fazt > /dev/null 2>&1; then
    act useradd --system --user-group --home-dir "$data" --no-create-home --shell /usr/sbin/nologin fazt
    changed=$((changed + 1))
  fi

  before=$changed
  make_dir "$dest" root:root 755
  mirror_tree "$src/server/target/fazt-server" "$dest/server/target/fazt-server"
  [ ! -d "$src/cli/target/fazt-cli" ] || mirror_tree "$src/cli/target/fazt-cli" "$dest/cli/target/fazt-cli"
  mirror_tree "$src/bin" "$dest/bin"
  put_file "$dest/scripts/lib/java.sh" root:root 644 < "$src/scripts/lib/java.sh"
  make_dir "$root/usr/local/bin" root:root 755
  if [ "$(readlink "$root/usr/local/bin/fazt" 2> /dev/null)" != "$prefix/bin/fazt" ]; then
    act ln -sfn "$prefix/bin/fazt" "$root/usr/local/bin/fazt"
    changed=$((changed + 1))
  fi

  make_dir "$root$config" root:root 755
  systemd_settings
  env_render "$root$config/fazt.env" "# fazt's settings (every one: README, Configuration), read by its systemd units. Written by install.sh;
# re-running it keeps your edits. After a change: systemctl restart fazt.target (or fazt.service)." |
    put_file "$root$config/fazt.env" root:root 600
  make_dir "$root$data" fazt:fazt 750
  local dir
  for dir in keys auth db-passwords nats-credentials nats nats/jetstream; do make_dir "$root$data/$dir" fazt:fazt 700; done
  make_dir "$root$data/cds" fazt:fazt 755
  make_dir "$root$data/cache" fazt:fazt 700
  make_dir "$root$data/backups" fazt:fazt 700
  # The master key is made here, once, like provision would: back it up (docs/install.md).
  keep_secret "$root$data/keys/master-key" fazt:fazt
  if [ -z "$db_admin_user" ]; then keep_secret "$root$config/db-admin-password" root:root; fi
  write_units
  local updated=$((changed - before))

  if [ "$start" = 0 ]; then
    say "  not started (--no-start or --root): run install.sh again without it, or see docs/install.md"
    return 0
  fi
  if dry; then
    say "  would run fazt-server provision, systemctl daemon-reload, enable and start the units"
    return 0
  fi
  provision
  act systemctl daemon-reload
  local main=fazt.target
  [ "$single" = 1 ] && main=fazt.service
  if [ -z "$nats_url" ]; then
    if ! systemctl is-active --quiet fazt-nats.service; then
      act systemctl enable --now fazt-nats.service
    elif [ "$updated" -gt 0 ]; then
      act systemctl restart fazt-nats.service
    else
      act systemctl reload fazt-nats.service  # provision may have written new seeds (--rotate-nats)
    fi
    act systemctl enable fazt-nats.service
  fi
  if [ "$single" = 1 ]; then
    act systemctl enable fazt.service
  else
    local svc
    for svc in "${services[@]}"; do act systemctl enable "fazt-$svc.service"; done
    act systemctl enable fazt.target
  fi
  if [ "$updated" -gt 0 ] && systemctl is-active --quiet "$main"; then
    say "  restarting $main (new files or units)"
    act systemctl restart "$main"
  else
    act systemctl start "$main"
  fi
  wait_healthy
  show_setup_link "$(env_value "$config/fazt.env" FAZT_DOMAIN)" "$(env_value "$config/fazt.env" FAZT_HTTP_PORT)" \
    "sudo cat $data/auth/admin-token" as_fazt env FAZT_TARGETS=auth "$prefix/bin/fazt-server" setup-link
}

as_fazt() { # command...: as the fazt user with fazt.env's settings and nothing else of this shell's environment
  local -a pairs
  mapfile -t pairs < <(env_pairs)
  (cd / && runuser -u fazt -- env -i PATH=/usr/local/bin:/usr/bin:/bin "${pairs[@]}" "$@")
}

provision() { # the database, roles, schemas, each service's password and NATS seed (fazt-server provision)
  local admin_user=$db_admin_user password host
  if [ -n "$db_admin_user" ]; then
    password=$(cat "$db_admin_password_file" 2> /dev/null || true)
  else
    # A local PostgreSQL: the fazt_admin role, through the postgres account. It may log in only while install.sh
    # provisions; its password stays in $config/db-admin-password (root only).
    host=$(env_value "$config/fazt.env" FAZT_DB_URL | sed -E 's#^jdbc:postgresql://##; s#[:/].*$##')
    case $host in 127.0.0.1|localhost|"[::1]") ;; *)
      fail "PostgreSQL at $host is not on this host: give --db-admin-user and --db-admin-password-file" ;;
    esac
    if ! id postgres > /dev/null 2>&1 || ! command -v psql > /dev/null; then
      fail "no local PostgreSQL (no postgres account or psql): --with-deps installs Debian's, or give --db-admin-user and --db-admin-password-file"
    fi
    admin_user=fazt_admin
    password=$(cat "$config/db-admin-password")
    admin_login LOGIN "$password"
    trap 'admin_login NOLOGIN' EXIT
  fi
  local -a extra=(FAZT_DB_ADMIN_USER="$admin_user" FAZT_DB_ADMIN_PASSWORD="$password")
  [ -n "$nats_url" ] || extra+=(FAZT_NATS_CONFIG_FILE="$data/nats/nats-server.conf")
  say "  fazt-server provision"
  if ! as_fazt "${extra[@]}" "$prefix/bin/fazt-server" provision > "$data/provision.log" 2>&1; then
    tail -n 20 "$data/provision.log" >&2
    fail "fazt-server provision failed (above; whole output in $data/provision.log)"
  fi
  if [ -z "$db_admin_user" ]; then admin_login NOLOGIN; trap - EXIT; fi
}

admin_login() { # LOGIN password | NOLOGIN: opens or closes the fazt_admin role of the local PostgreSQL
  local sql
  if [ "$1" = LOGIN ]; then
    sql="DO \$\$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'fazt_admin') THEN CREATE ROLE fazt_admin; END IF; END \$\$;
ALTER ROLE fazt_admin LOGIN SUPERUSER PASSWORD '$2';"
  else
    sql="ALTER ROLE fazt_admin NOLOGIN;"
  fi
  printf '%s\n' "$sql" | (cd / && runuser -u postgres -- psql -q -X -v ON_ERROR_STOP=1 -d postgres) > /dev/null ||
    fail "could not set up the fazt_admin role in the local PostgreSQL (is it running? systemctl status postgresql)"
}

wait_healthy() { # every service's /health on its management port answers 200, or fail naming the first that does not
  local base i svc deadline=$((SECONDS + 180)) unit
  base=$(env_value "$config/fazt.env" FAZT_MANAGEMENT_PORT)
  for i in "${!services[@]}"; do
    svc=${services[$i]}
    until curl -fsS -m 2 -o /dev/null "http://127.0.0.1:$((base + i))/health" 2> /dev/null; do
      if [ $SECONDS -ge $deadline ]; then
        unit=fazt-$svc.service
        [ "$single" = 1 ] && unit=fazt.service
        journalctl -u "$unit" -n 20 --no-pager >&2 || true
        fail "$svc is not healthy after 180 s (above: the end of journalctl -u $unit)"
      fi
      sleep 1
    done
  done
  say "  healthy: ${#services[@]} services"
}
