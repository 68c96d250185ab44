# Reads `wrk --latency` output; prints one line: requests/s, p50 ms, p99 ms, errors (non-2xx/3xx + socket errors).
function ms(v) {
    if (v ~ /us$/) return substr(v, 1, length(v) - 2) / 1000
    if (v ~ /ms$/) return substr(v, 1, length(v) - 2) + 0
    if (v ~ /m$/)  return substr(v, 1, length(v) - 1) * 60000
    if (v ~ /s$/)  return substr(v, 1, length(v) - 1) * 1000
    return v + 0
}
/Latency Distribution/ { dist = 1; next }
dist && $1 == "50%" { p50 = ms($2) }
dist && $1 == "99%" { p99 = ms($2) }
/^Requests\/sec:/ { rps = $2 }
/Non-2xx or 3xx responses:/ { errors += $NF }
/Socket errors:/ { for (i = 3; i <= NF; i++) { v = $i; gsub(/,/, "", v); if (v ~ /^[0-9]+$/) errors += v } }
END {
    if (rps == "" || p50 == "" || p99 == "") { print "wrk output not understood" > "/dev/stderr"; exit 1 }
    printf "%s %.3f %.3f %d\n", rps, p50, p99, errors
}
