# shellcheck shell=bash
# install.sh's file helpers: every write compares first and touches nothing that is already as it should be, so a
# second run changes nothing; --dry-run says what would change instead. Expects: dry_run (0/1), staging (0/1: a
# --root install, no users or ownership), changed (a counter), say and fail.

dry() { [ "$dry_run" = 1 ]; }

act() { # command...: runs it, or in a dry run only says it would
  if dry; then say "  would run: $*"; else "$@"; fi
}

new_secret() { # 256 random bits from /dev/urandom as 64 hex characters (safe in env files, URLs and SQL literals)
  od -An -N32 -tx1 /dev/urandom | tr -d ' \n'
}

own() { # path owner mode: ownership only on a real install (a staging root has no fazt user)
  local path=$1 owner=$2 mode=$3
  chmod "$mode" "$path"
  if [ "$staging" = 0 ] && [ -n "$owner" ]; then chown "$owner" "$path"; fi
}

parents() { # path: the directories above it, made when missing, open to every user (the fazt user walks through
  (umask 022 && mkdir -p "$(dirname "$1")")  # them to its files; umask 077 holds for everything else)
}

make_dir() { # dir owner mode
  local dir=$1 owner=$2 mode=$3
  if [ -d "$dir" ]; then
    dry || own "$dir" "$owner" "$mode"
    return 0
  fi
  if dry; then say "  would create $dir/"; return 0; fi
  parents "$dir"
  mkdir "$dir"
  own "$dir" "$owner" "$mode"
  changed=$((changed + 1))
}

put_file() { # dest owner mode, content on stdin: written only when its bytes differ (mode and owner always set)
  local dest=$1 owner=$2 mode=$3 tmp
  tmp=$(mktemp)
  cat > "$tmp"
  if [ -f "$dest" ] && cmp -s "$tmp" "$dest"; then
    rm -f "$tmp"
    dry || own "$dest" "$owner" "$mode"
    return 0
  fi
  if dry; then
    say "  would write $dest"
    rm -f "$tmp"
    return 0
  fi
  parents "$dest"
  own "$tmp" "$owner" "$mode"
  mv -f "$tmp" "$dest"
  say "  wrote $dest"
  changed=$((changed + 1))
}

keep_secret() { # file owner: a secret file made once from /dev/urandom (0600) and never replaced
  local file=$1 owner=$2
  if [ -s "$file" ]; then
    dry || own "$file" "$owner" 600
    return 0
  fi
  new_secret | put_file "$file" "$owner" 600
}

mirror_tree() { # src dest: dest ends up with exactly src's files (bytes, mode, mtime); only differing ones are copied
  local src=$1 dest=$2 file rel
  [ -d "$src" ] || fail "$src is missing: build first (scripts/build)"
  while IFS= read -r -d '' file; do
    rel=${file#"$src"/}
    [ -f "$dest/$rel" ] && cmp -s "$file" "$dest/$rel" && continue
    if dry; then say "  would copy $dest/$rel"; continue; fi
    parents "$dest/$rel"
    cp --preserve=mode,timestamps "$file" "$dest/$rel"
    chmod go+r,go-w "$dest/$rel"
    changed=$((changed + 1))
  done < <(find "$src" -type f -print0)
  [ -d "$dest" ] || return 0
  while IFS= read -r -d '' file; do  # left over from an older build
    rel=${file#"$dest"/}
    [ -e "$src/$rel" ] && continue
    if dry; then say "  would remove $file"; continue; fi
    rm -f "$file"
    changed=$((changed + 1))
  done < <(find "$dest" -type f -print0)
}

# Env files (compose's .env, systemd's EnvironmentFile): KEY=VALUE lines. A second run keeps every line the user
# edited or added; it sets only the keys named by options given now (env_force), adds missing ones with their
# defaults (env_default) and fills missing or empty secrets (env_secret), never replacing one that has a value.
declare -A env_forced=() env_defaults=() env_secrets=()
env_order=()
env_force() { env_forced[$1]=$2; env_order+=("$1"); }
env_default() { env_defaults[$1]=$2; env_order+=("$1"); }
env_secret() { env_secrets[$1]=1; env_order+=("$1"); }

env_render() { # existing-file header: prints the merged file
  local file=$1 header=$2 line key
  declare -A seen=()
  if [ -f "$file" ]; then
    while IFS= read -r line || [ -n "$line" ]; do
      key=${line%%=*}
      if [[ $line =~ ^[A-Z_][A-Z0-9_]*= ]]; then
        seen[$key]=1
        if [ -n "${env_forced[$key]+x}" ]; then line="$key=${env_forced[$key]}"
        elif [ -n "${env_secrets[$key]+x}" ] && [ -z "${line#*=}" ]; then line="$key=$(new_secret)"; fi
      fi
      printf '%s\n' "$line"
    done < "$file"
  else
    printf '%s\n' "$header"
  fi
  for key in "${env_order[@]}"; do
    [ -n "${seen[$key]+x}" ] && continue
    seen[$key]=1
    if [ -n "${env_forced[$key]+x}" ]; then printf '%s=%s\n' "$key" "${env_forced[$key]}"
    elif [ -n "${env_secrets[$key]+x}" ]; then printf '%s=%s\n' "$key" "$(new_secret)"
    else printf '%s=%s\n' "$key" "${env_defaults[$key]}"; fi
  done
}

env_value() { # file key: the value a KEY=VALUE file gives key (empty when absent)
  [ -f "$1" ] || return 0
  sed -n "s/^$2=//p" "$1" | tail -n 1
}
