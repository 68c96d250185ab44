# shellcheck shell=bash
# bench/run scenario s3 (sourced): a 1 MB file served from S3-backed blobs beside the same size of file from
# PostgreSQL-backed blobs, in one suite, alternating run by run. s3proxy (the Maven jar, filesystem provider, on
# BENCH_S3_PORT) is the bucket; the suite runs with FAZT_BLOB_STORE=s3://fazt-bench/b and the gateway's file cache
# off (FAZT_GATEWAY_CACHE_MB=0), so every request reads its blob through storage-svc. The PostgreSQL copy is made
# by deploying it first and moving it back with `fazt-server migrate-blobs --to postgres` (reads follow each blob's
# row, ADR 38), then deploying the S3 one.

s3_bucket=fazt-bench

s3_env() { # the suite's settings for the bucket; exported before the suite starts
  local dir=$work/s3
  mkdir -p "$dir/data/$s3_bucket"
  printf '%s' "bench-secret-$tag" > "$dir/secret"
  chmod 600 "$dir/secret"
  export FAZT_BLOB_STORE=s3://$s3_bucket/b FAZT_BLOB_S3_ENDPOINT=http://127.0.0.1:$s3_port \
    FAZT_BLOB_S3_ACCESS_KEY_ID=bench FAZT_BLOB_S3_SECRET_ACCESS_KEY_FILE=$dir/secret FAZT_GATEWAY_CACHE_MB=0
}

start_s3proxy() {
  local dir=$work/s3 cp
  cp=$(cat "$s3proxy_classpath")
  cat > "$dir/s3proxy.conf" << CONF
s3proxy.endpoint=http://127.0.0.1:$s3_port
s3proxy.authorization=aws-v2-or-v4
s3proxy.identity=bench
s3proxy.credential=bench-secret-$tag
jclouds.provider=filesystem
jclouds.filesystem.basedir=$dir/data
CONF
  "$java_bin" -Xmx256m -cp "$cp" org.gaul.s3proxy.Main --properties "$dir/s3proxy.conf" > "$dir/s3proxy.log" 2>&1 &
  s3proxy_pid=$!
  wait_port s3proxy "$s3_port" "$s3proxy_pid" "$dir/s3proxy.log"
}

stop_s3proxy() {
  [ -z "$s3proxy_pid" ] || stop_pid "$s3proxy_pid" s3proxy
  s3proxy_pid=""
}

scenario_s3() {
  local pg=$work/blob-pg s3=$work/blob-s3 n r rps p50 p99 errors out metric f pf sp
  local -A url res=()
  mkdir -p "$pg" "$s3"
  head -c 1048576 /dev/urandom > "$pg/1mb.bin"
  head -c 1048576 /dev/urandom > "$s3/1mb.bin"
  out=$("$repo/bin/fazt" deploy "$pg" --name blobpg 2>&1) || { printf '%s\n' "$out" >&2; die "deploying blobpg failed"; }
  out=$("$repo/bin/fazt-server" migrate-blobs --to postgres 2>&1) || { printf '%s\n' "$out" >&2; die "migrate-blobs failed"; }
  say "s3: ${out##*$'\n'}"
  out=$("$repo/bin/fazt" deploy "$s3" --name blobs3 2>&1) || { printf '%s\n' "$out" >&2; die "deploying blobs3 failed"; }
  local digest_pg digest_s3 where_pg where_s3
  digest_pg=$(sha256sum < "$pg/1mb.bin" | cut -d' ' -f1)
  digest_s3=$(sha256sum < "$s3/1mb.bin" | cut -d' ' -f1)
  where_pg=$(psql -h 127.0.0.1 -U postgres -d "fazt_bench_$tag" -qAt -c "SELECT location FROM storage.blob WHERE digest = '$digest_pg'")
  where_s3=$(psql -h 127.0.0.1 -U postgres -d "fazt_bench_$tag" -qAt -c "SELECT location FROM storage.blob WHERE digest = '$digest_s3'")
  [ "$where_pg" = pg ] && [ "$where_s3" = s3 ] || die "s3: the blobs are in $where_pg and $where_s3, expected pg and s3"
  url[postgres]=http://127.0.0.1:$http_port/1mb.bin url[s3]=http://127.0.0.1:$http_port/1mb.bin
  local -A host=([postgres]=blobpg.localhost [s3]=blobs3.localhost) file=([postgres]=$pg/1mb.bin [s3]=$s3/1mb.bin)
  for n in postgres s3; do check_same "$n" "${url[$n]}" "${host[$n]}" "${file[$n]}"; done
  for n in postgres s3; do
    say "s3 1 MB $n warm-up ${warmup}s"
    wrk_once "${url[$n]}" "${host[$n]}" "$warmup" > /dev/null
  done
  for r in $(seq 1 $runs); do
    for n in postgres s3; do
      say "s3 1 MB from $n run $r/$runs (${duration}s) ..."
      read -r rps p50 p99 errors < <(wrk_once "${url[$n]}" "${host[$n]}" "$duration")
      res[$n rps]+=" $rps" res[$n p50]+=" $p50" res[$n p99]+=" $p99"
      details+=("s3 1 MB from $n run $r: $(fmt_int "$rps") req/s, p50 $(fmt "$p50") ms, p99 $(fmt "$p99") ms")
      say "s3 1 MB from $n run $r/$runs: $(fmt_int "$rps") req/s, p50 $(fmt "$p50") ms, p99 $(fmt "$p99") ms"
      [ "$errors" = 0 ] || notes+=("s3 1 MB from $n run $r: $errors non-2xx responses or socket errors")
    done
  done
  for n in postgres s3; do
    # shellcheck disable=SC2086
    sp=$(spread ${res[$n rps]})
    [ "$sp" -le 25 ] || notes+=("s3 1 MB from $n: requests/s spread ${sp}% between runs; the machine was likely busy")
  done
  for metric in rps p50 p99; do
    # shellcheck disable=SC2086
    f=$(median ${res[s3 $metric]})
    # shellcheck disable=SC2086
    pf=$(median ${res[postgres $metric]})
    case $metric in
      rps) row "s3 1 MB, gateway cache off: requests/s" "$(fmt_int "$f")" "blobs in PostgreSQL" "$(fmt_int "$pf")" "$(ratio "$f" "$pf")" ;;
      *) row "s3 1 MB, gateway cache off: $metric latency" "$(fmt "$f") ms" "blobs in PostgreSQL" "$(fmt "$pf") ms" "$(ratio "$pf" "$f")" ;;
    esac
  done
}
