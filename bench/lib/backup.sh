# shellcheck shell=bash
# bench/run scenario backup (sourced; run alone: bench/run backup): backup and restore of an installation with
# BENCH_BACKUP_APPS apps (1,000) and BENCH_BACKUP_MB MB of random file bytes (1,024), beside pg_dump -Fc and
# pg_restore of the same database in the same run.
#
# 1. populate through the admin API (curl, BENCH_BACKUP_JOBS uploads at once): small static sites with bytes of
#    their own, 5 apps whose function writes 200 KV entries and 200 documents each, and apps of 16 MiB random files
#    (4 a bundle, under deploy-svc's 100 MB limit) adding up to BENCH_BACKUP_MB.
# 2. fazt: POST /api/backups until done (the archive is read back and every part's SHA-256 checked before that);
#    time and archive size. peer: pg_dump -Fc of the suite's database (time, size), pg_restore into a new database
#    (time), both while the suite is up and idle as it is for fazt.
# 3. the suite is stopped; a fresh installation (FAZT_HOME, database and subject root of its own, the first one's
#    master key handed over as an operator would, its bootstrap admin token its own) restores the archive through POST /api/backups/{name}/restore
#    until done (time); restarted, it must serve the same bytes, the same data and the same number of apps.

backup_apps=${BENCH_BACKUP_APPS:-1000}
backup_mb=${BENCH_BACKUP_MB:-1024}
backup_jobs=${BENCH_BACKUP_JOBS:-4}
backup_wait=${BENCH_BACKUP_TIMEOUT:-3600}    # seconds a backup or restore may take before the run gives up
backup_file_mb=16 backup_files_per_app=4 backup_data_apps=5 backup_data_pairs=200

backup_check_settings() { # before anything starts: the sizes are numbers, the apps hold the files, the disk holds it all
  local v
  for v in BENCH_BACKUP_APPS:$backup_apps BENCH_BACKUP_MB:$backup_mb BENCH_BACKUP_JOBS:$backup_jobs \
           BENCH_BACKUP_TIMEOUT:$backup_wait; do
    [[ ${v#*:} =~ ^[1-9][0-9]{0,6}$ ]] || die "${v%%:*}: expected a whole number from 1, got \"${v#*:}\""
  done
  backup_files=$(((backup_mb + backup_file_mb - 1) / backup_file_mb))
  backup_big_apps=$(((backup_files + backup_files_per_app - 1) / backup_files_per_app))
  [ "$backup_apps" -ge $((backup_big_apps + backup_data_apps + 1)) ] ||
    die "BENCH_BACKUP_APPS: $backup_mb MB of files take $backup_big_apps apps, plus $backup_data_apps with data and one site: at least $((backup_big_apps + backup_data_apps + 1))"
  # the files; the suite's database (about twice the files: deploy-svc keeps each uploaded bundle as a blob too); the
  # parts storage-svc spools (COPY text: bytea as hex, twice again); the archive; the dump; the peer's database
  local need_mb=$((backup_mb * 12 + 2048)) free_mb
  free_mb=$(df -Pm "${TMPDIR:-/tmp}" | awk 'NR == 2 { print $4 }')
  [ "$free_mb" -ge "$need_mb" ] || die "backup needs about $need_mb MB free in ${TMPDIR:-/tmp} (and PostgreSQL's disk), $free_mb MB free"
}

backup_api() { # method path [curl args...] -> body on stdout; dies naming the call unless 2xx
  local method=$1 path=$2 out code
  shift 2
  out=$(curl -sS -m 60 -X "$method" -w '\n%{http_code}' -H 'Host: admin.localhost' \
    -H "Authorization: Bearer $(cat "$FAZT_HOME/admin-token")" "$@" "http://127.0.0.1:$http_port/api$path") ||
    die "backup: $method /api$path failed"
  code=${out##*$'\n'} out=${out%$'\n'*}
  [[ $code == 2?? ]] || die "backup: $method /api$path answered $code: $out"
  printf '%s' "$out"
}

backup_deploy_one() { # name dir: one bundle (zip, stored) through the admin API; 201 expected
  local name=$1 dir=$2 code
  (cd "$dir" && zip -q -0 -r "$dir.zip" .) || { echo "zip failed for $name" >&2; return 1; }
  code=$(curl -sS -m 300 -o "$dir.answer" -w '%{http_code}' -H 'Host: admin.localhost' \
    -H "Authorization: Bearer $BACKUP_TOKEN" -H 'Content-Type: application/zip' --data-binary "@$dir.zip" \
    "http://127.0.0.1:$BACKUP_HTTP_PORT/api/apps/$name/deploy") || code=000
  [ "$code" = 201 ] || { echo "deploying $name answered $code: $(head -c 300 "$dir.answer" 2>/dev/null)" >&2; return 1; }
  rm -rf "$dir" "$dir.zip" "$dir.answer"
}

backup_small_site() { # i: a small static site with bytes of its own, deployed
  local dir=$BACKUP_WORK/site-$1
  mkdir -p "$dir"
  printf '<!doctype html><title>site %s</title><p>%s</p>\n' "$1" "$(od -An -tx1 -N512 /dev/urandom | tr -d ' \n')" > "$dir/index.html"
  printf 'body { color: #%s }\n' "$(od -An -tx1 -N3 /dev/urandom | tr -d ' \n')" > "$dir/style.css"
  backup_deploy_one "site-$1" "$dir"
}

backup_populate() {
  local i f left size dir t0
  export BACKUP_TOKEN BACKUP_HTTP_PORT=$http_port BACKUP_WORK=$work/backup-src
  BACKUP_TOKEN=$(cat "$FAZT_HOME/admin-token")
  export -f backup_deploy_one backup_small_site
  mkdir -p "$BACKUP_WORK" "$work/backup-files"
  t0=$(now_ns)
  # the file apps: random bytes (compression cannot shrink them), kept to compare after the restore
  say "backup: populating: $backup_files files of up to $backup_file_mb MiB ($backup_mb MB) in $backup_big_apps apps"
  left=$((backup_mb * 1048576))
  for i in $(seq 1 "$backup_big_apps"); do
    dir=$BACKUP_WORK/files-$i
    mkdir -p "$dir"
    for f in $(seq 1 "$backup_files_per_app"); do
      [ "$left" -gt 0 ] || break
      size=$((left < backup_file_mb * 1048576 ? left : backup_file_mb * 1048576))
      head -c "$size" /dev/urandom > "$dir/f$f.bin"
      left=$((left - size))
    done
    cp "$dir/f1.bin" "$work/backup-files/files-$i.f1.bin"
    backup_deploy_one "files-$i" "$dir" || die "backup: deploying files-$i failed"
  done
  say "backup: populating: $backup_data_apps apps with $backup_data_pairs KV entries and documents each"
  for i in $(seq 1 "$backup_data_apps"); do
    dir=$BACKUP_WORK/data-$i
    mkdir -p "$dir/api"
    cp "$bench/lib/functions/backup-data.js" "$dir/api/main.js"
    printf '<!doctype html><p>data %s</p>\n' "$i" > "$dir/index.html"
    backup_deploy_one "data-$i" "$dir" || die "backup: deploying data-$i failed"
    for f in $(seq 0 25 $((backup_data_pairs - 1))); do
      curl -fsS -m 60 -H "Host: data-$i.localhost" "http://127.0.0.1:$http_port/api/seed?from=$f&n=25" > /dev/null ||
        die "backup: seeding data-$i (entries $f to $((f + 24))) failed"
    done
  done
  local sites=$((backup_apps - backup_big_apps - backup_data_apps))
  say "backup: populating: $sites small static sites, $backup_jobs uploads at once"
  seq 1 "$sites" | xargs -P "$backup_jobs" -I{} bash -c 'backup_small_site "$1"' _ {} ||
    die "backup: deploying the small sites failed (see above)"
  details+=("backup: populated $backup_apps apps and $backup_mb MB of files in $(awk -v d=$(($(now_ns) - t0)) 'BEGIN { printf "%.0f", d / 1e9 }') s")
}

backup_await() { # name: polls until the run is done, leaving its JSON in backup_run; dies when it failed or ran past
  # BENCH_BACKUP_TIMEOUT. Not in a command substitution: a TERM to bench/run must not leave a subshell polling.
  local name=$1 status deadline=$((SECONDS + backup_wait)) next_say=$((SECONDS + 30))
  while :; do
    backup_run=$(backup_api GET "/backups/$name")
    status=$(printf '%s' "$backup_run" | jq -r .status)
    case $status in
      done) return 0 ;;
      failed) die "backup: $name failed: $(printf '%s' "$backup_run" | jq -r .error)" ;;
    esac
    [ $SECONDS -lt "$deadline" ] || die "backup: $name still $status after ${backup_wait}s (BENCH_BACKUP_TIMEOUT)"
    if [ $SECONDS -ge "$next_say" ]; then
      say "backup: $name: $status, $(printf '%s' "$backup_run" | jq -r '"\(.bytes) bytes, parts \(.partsDone)/\(.partsTotal)"')"
      next_say=$((SECONDS + 30))
    fi
    sleep 0.2
  done
}

backup_fingerprint() { # what must come back: app count, a big file's and a small site's bytes, one data app's data
  local apps
  apps=$(backup_api GET /apps | jq '.apps | length')
  printf 'apps=%s\n' "$apps"
  printf 'big=%s\n' "$(curl -fsS -m 120 -H 'Host: files-1.localhost' "http://127.0.0.1:$http_port/f1.bin" | sha256sum | cut -d' ' -f1)"
  printf 'site=%s\n' "$(curl -fsS -m 30 -H 'Host: site-1.localhost' "http://127.0.0.1:$http_port/index.html" | sha256sum | cut -d' ' -f1)"
  printf 'data=%s\n' "$(curl -fsS -m 60 -H 'Host: data-1.localhost' "http://127.0.0.1:$http_port/api/read?n=$backup_data_pairs")"
}

# rows and bytes of the blobs and their chunks (octet_length reads a stored value's size, not its bytes)
backup_blob_sums="SELECT (SELECT count(*) || ' ' || coalesce(sum(size), 0) FROM storage.blob) || ' ' ||
  (SELECT count(*) || ' ' || coalesce(sum(octet_length(data)), 0) FROM storage.blob_chunk)"
backup_psql() { psql -h 127.0.0.1 -U postgres -d "${2:-postgres}" -qAtX -v ON_ERROR_STOP=1 -c "$1"; }

scenario_backup() {
  local t0 t1 name archive_bytes db_mb fazt_backup_s fazt_restore_s peer_dump_s peer_restore_s dump_bytes before after
  local peer_db=fazt_bench_${tag}_peer fresh_db=fazt_bench_${tag}_fresh first_home=$FAZT_HOME blobs_src blobs_peer
  backup_populate
  before=$(backup_fingerprint)
  [ "$(sed -n 's/^big=//p' <<< "$before")" = "$(sha256sum < "$work/backup-files/files-1.f1.bin" | cut -d' ' -f1)" ] ||
    die "backup: files-1 does not serve the bytes deployed"
  [ "$(sed -n 's/^apps=//p' <<< "$before")" -ge "$backup_apps" ] || die "backup: fewer apps listed than deployed: $before"

  db_mb=$(backup_psql "SELECT pg_database_size('fazt_bench_$tag') / 1048576")
  say "backup: the suite's database holds $db_mb MB"
  say "backup: fazt: POST /api/backups, until done (archive read back, every hash checked)"
  t0=$(now_ns)
  name=$(backup_api POST /backups | jq -r .name)
  backup_await "$name"
  t1=$(now_ns)
  fazt_backup_s=$(awk -v d=$((t1 - t0)) 'BEGIN { printf "%.1f", d / 1e9 }')
  archive_bytes=$(stat -c %s "$FAZT_BACKUP_TARGET/$name")
  details+=("backup fazt: $name, ${fazt_backup_s} s, $archive_bytes bytes; the run: $(printf '%s' "$backup_run" | jq -c '{startedAt, finishedAt, bytes, partsDone}')")
  say "backup: fazt: ${fazt_backup_s} s, archive $(mb $((archive_bytes / 1024)))"

  say "backup: peer: pg_dump -Fc of the same database"
  t0=$(now_ns)
  pg_dump -h 127.0.0.1 -U postgres -Fc -f "$work/peer.dump" "fazt_bench_$tag" || die "backup: pg_dump failed"
  t1=$(now_ns)
  peer_dump_s=$(awk -v d=$((t1 - t0)) 'BEGIN { printf "%.1f", d / 1e9 }')
  dump_bytes=$(stat -c %s "$work/peer.dump")
  say "backup: peer: pg_dump ${peer_dump_s} s, $(mb $((dump_bytes / 1024)))"
  extra_dbs+=("$peer_db")
  backup_psql "CREATE DATABASE $peer_db" > /dev/null
  say "backup: peer: pg_restore into a new database"
  t0=$(now_ns)
  pg_restore -h 127.0.0.1 -U postgres -d "$peer_db" --exit-on-error "$work/peer.dump" || die "backup: pg_restore failed"
  t1=$(now_ns)
  peer_restore_s=$(awk -v d=$((t1 - t0)) 'BEGIN { printf "%.1f", d / 1e9 }')
  blobs_src=$(backup_psql "$backup_blob_sums" "fazt_bench_$tag")
  blobs_peer=$(backup_psql "$backup_blob_sums" "$peer_db")
  [ "$blobs_src" = "$blobs_peer" ] || die "backup: pg_restore's database has blobs \"$blobs_peer\", the suite's \"$blobs_src\""
  say "backup: peer: pg_restore ${peer_restore_s} s"
  backup_psql "DROP DATABASE $peer_db WITH (FORCE)" > /dev/null
  rm -f "$work/peer.dump"

  say "backup: stopping the suite; a fresh installation restores the archive"
  stop_suite
  "$repo/bin/fazt-server" drop-streams > /dev/null 2>&1 || say "could not drop the streams of subject root $FAZT_SUBJECT_ROOT"
  backup_psql "DROP DATABASE IF EXISTS fazt_bench_$tag WITH (FORCE)" > /dev/null
  extra_dbs+=("$fresh_db")
  export FAZT_MASTER_KEY_FILE=$first_home/master-key FAZT_HOME=$work/home-fresh FAZT_SUBJECT_ROOT=bench${tag}f \
    FAZT_DB_URL=jdbc:postgresql://127.0.0.1:5432/$fresh_db
  mkdir -p "$FAZT_HOME"
  start_suite split
  [ "$(backup_api GET /apps | jq '.apps | length')" -lt "$backup_apps" ] || die "backup: the fresh installation is not empty"
  t0=$(now_ns)
  backup_api POST "/backups/$name/restore" > /dev/null
  backup_await "restore-$name"
  t1=$(now_ns)
  fazt_restore_s=$(awk -v d=$((t1 - t0)) 'BEGIN { printf "%.1f", d / 1e9 }')
  details+=("restore fazt: ${fazt_restore_s} s; the run: $(printf '%s' "$backup_run" | jq -c '{startedAt, finishedAt, bytes, partsDone}')")
  say "backup: fazt restore: ${fazt_restore_s} s; restarting the fresh installation on the restored data"
  stop_suite
  start_suite split
  after=$(backup_fingerprint)
  [ "$after" = "$before" ] || die "backup: the restored installation differs: before [$before], after [$after]"
  say "backup: the restored installation serves the same apps, bytes and data"

  local what="$backup_apps apps, $backup_mb MB of files"
  row "backup ($what): time until done" "$fazt_backup_s s (archive read back, every hash checked)" "pg_dump -Fc" \
    "$peer_dump_s s" "$(ratio "$peer_dump_s" "$fazt_backup_s")"
  row "backup ($what): archive size" "$(mb $((archive_bytes / 1024)))" "pg_dump -Fc" "$(mb $((dump_bytes / 1024)))" \
    "$(ratio "$dump_bytes" "$archive_bytes")"
  row "restore ($what): time until done, into a fresh installation" "$fazt_restore_s s (every hash checked first)" \
    "pg_restore into a new database" "$peer_restore_s s" "$(ratio "$peer_restore_s" "$fazt_restore_s")"
  notes+=("backup and restore: the suite's database held $db_mb MB (pg_database_size; deploy-svc keeps each uploaded bundle as a blob beside its files, so about twice the files)")
  notes+=("backup and restore: one run each, not a median; fazt checks every part's SHA-256 (backup: the archive read back; restore: before anything changes), pg_dump and pg_restore check nothing beyond their own format")
}
