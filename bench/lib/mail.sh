# bench/lib/mail.sh: the mail scenario of bench/run (sourced; uses its helpers and variables).
#
# Inbound: smtp-source (postfix's load generator) sends $mail_count messages, 20 sessions at a time, to fazt's SMTP
# port (an app's private address: stored in mail-svc's schema before 250) and to a private postfix
# (bench/lib/postfix-peer.sh: queued, then discarded) → messages/s accepted.
# Outbound: an app queues $mail_count messages with env.MAIL.send (bench/lib/functions/mailer.js, 20 at a time) and
# fazt relays them to smtp-sink; postfix gets the same count from smtp-source and relays them to the same smtp-sink
# → messages/s from the first message queued to the last one received by the sink, and how many the sink got.

mail_admin() { # method path [json body] -> the answer's body; dies on a non-2xx status
  local method=$1 path=$2 body=${3:-} out code
  out=$(curl -sS -m 30 -w '\n%{http_code}' -X "$method" -H "Host: admin.localhost" \
    -H "Authorization: Bearer $(cat "$FAZT_HOME/admin-token")" -H "Content-Type: application/json" \
    ${body:+--data "$body"} "http://127.0.0.1:$http_port/api$path") || die "mail: $method $path failed"
  code=${out##*$'\n'}
  [[ $code == 2* ]] || die "mail: $method $path answered $code: ${out%$'\n'*}"
  printf '%s' "${out%$'\n'*}"
}

sink_count() { find "$work/sink" -type f | wc -l; }

wait_sink() { # count timeout_s -> seconds (fractional) until the sink holds count messages, from $t0 (ns)
  local want=$1 limit=$2 start=$SECONDS
  while [ "$(sink_count)" -lt "$want" ]; do
    [ $((SECONDS - start)) -lt "$limit" ] || { say "mail: the sink got $(sink_count) of $want within ${limit}s"; break; }
    sleep 0.2
  done
  awk -v a="$t0" -v b="$(now_ns)" 'BEGIN { printf "%.3f", (b - a) / 1e9 }'
}

start_mail_dns() { # pebble-challtestsrv as the DNS of fazt's SPF/DKIM/DMARC checks: no records, answers at once
  pebble-challtestsrv -dns01 "127.0.0.1:$dns_port" -management "127.0.0.1:$dns_admin_port" -http01 "" -https01 "" \
    -tlsalpn01 "" > "$work/dns.log" 2>&1 &
  dns_pid=$!
  wait_port pebble-challtestsrv "$dns_admin_port" "$dns_pid" "$work/dns.log"
}

start_sink() {
  rm -rf "$work/sink"; mkdir -p "$work/sink"; chmod 777 "$work/sink"
  smtp-sink -u nobody -d "$work/sink/%H%M%S." "127.0.0.1:$sink_port" 1000 > "$work/sink.log" 2>&1 &
  sink_pid=$!
  wait_port smtp-sink "$sink_port" "$sink_pid" "$work/sink.log"
}

scenario_mail() {
  local r secs id in_fazt=() in_postfix=() out_fazt=() out_postfix=() got lost_fazt=0 lost_postfix=0
  need smtp-source "apt-get install -y postfix (for smtp-source and smtp-sink)"
  mkdir -p "$work/mailin" "$work/mailer/api"
  echo '<p>mail bench</p>' > "$work/mailin/index.html"
  echo '<p>mail bench</p>' > "$work/mailer/index.html"
  cp "$bench/lib/functions/mailer.js" "$work/mailer/api/main.js"
  deploy_app mailin "$work/mailin"
  deploy_app mailer "$work/mailer"
  id=$(mail_admin GET /apps/mailin | sed -nE 's/.*"id" *: *"([^"]+)".*/\1/p')
  [ -n "$id" ] || die "mail: no id for app mailin"
  start_sink
  "$bench/lib/postfix-peer.sh" start "$work/postfix" "$postfix_port" "$sink_port" || die "mail: postfix did not start"
  postfix_up=1
  mail_admin PUT /mail/relay "{\"host\":\"127.0.0.1\",\"port\":$sink_port,\"tls\":\"none\"}" > /dev/null

  for r in $(seq 1 $runs); do
    t0=$(now_ns)
    smtp-source -s 20 -m "$mail_count" -f bench@example.net -t "$id@localhost" "127.0.0.1:$smtp_port" ||
      die "mail: smtp-source into fazt failed"
    secs=$(awk -v a="$t0" -v b="$(now_ns)" 'BEGIN { printf "%.3f", (b - a) / 1e9 }')
    in_fazt+=("$(awk -v n="$mail_count" -v s="$secs" 'BEGIN { printf "%.0f", n / s }')")
    t0=$(now_ns)
    smtp-source -s 20 -m "$mail_count" -f bench@example.net -t bench@bench.localhost "127.0.0.1:$postfix_port" ||
      die "mail: smtp-source into postfix failed"
    secs=$(awk -v a="$t0" -v b="$(now_ns)" 'BEGIN { printf "%.3f", (b - a) / 1e9 }')
    in_postfix+=("$(awk -v n="$mail_count" -v s="$secs" 'BEGIN { printf "%.0f", n / s }')")
    details+=("mail in run $r: fazt ${in_fazt[-1]}/s, postfix ${in_postfix[-1]}/s ($mail_count messages, 20 sessions)")
    say "mail in run $r/$runs: fazt ${in_fazt[-1]}/s, postfix ${in_postfix[-1]}/s"
  done
  got=$(mail_admin GET /apps/mailin/mail | sed -nE 's/.*"total" *: *([0-9]+).*/\1/p')
  [ "${got:-0}" -eq $((runs * mail_count)) ] ||
    notes+=("mail in: fazt's mailbox holds ${got:-?} messages, $((runs * mail_count)) were accepted")

  for r in $(seq 1 $runs); do
    rm -f "$work"/sink/*
    t0=$(now_ns)
    curl -fsS -m 600 -H 'Host: mailer.localhost' \
      "http://127.0.0.1:$http_port/api/send?n=$mail_count&c=20&run=$r" > /dev/null || die "mail: queueing in fazt failed"
    secs=$(wait_sink "$mail_count" 600)
    got=$(sink_count); lost_fazt=$((lost_fazt + mail_count - got))
    out_fazt+=("$(awk -v n="$got" -v s="$secs" 'BEGIN { printf "%.0f", n / s }')")
    rm -f "$work"/sink/*
    t0=$(now_ns)
    smtp-source -s 20 -m "$mail_count" -f bench@bench.localhost -t sink@example.net "127.0.0.1:$postfix_port" ||
      die "mail: smtp-source into postfix failed"
    secs=$(wait_sink "$mail_count" 600)
    got=$(sink_count); lost_postfix=$((lost_postfix + mail_count - got))
    out_postfix+=("$(awk -v n="$got" -v s="$secs" 'BEGIN { printf "%.0f", n / s }')")
    details+=("mail out run $r: fazt ${out_fazt[-1]}/s, postfix ${out_postfix[-1]}/s into smtp-sink")
    say "mail out run $r/$runs: fazt ${out_fazt[-1]}/s, postfix ${out_postfix[-1]}/s"
  done
  "$bench/lib/postfix-peer.sh" stop "$work/postfix"; postfix_up=0
  stop_pid "$sink_pid" smtp-sink; sink_pid=""

  row "SMTP in: messages/s accepted and stored (smtp-source -s 20 -m $mail_count)" \
    "$(fmt_int "$(median "${in_fazt[@]}")")" "postfix $(postconf -d mail_version 2>/dev/null | cut -d' ' -f3)" \
    "$(fmt_int "$(median "${in_postfix[@]}")")" "$(ratio "$(median "${in_fazt[@]}")" "$(median "${in_postfix[@]}")")"
  row "SMTP out: messages/s relayed end to end into smtp-sink ($mail_count; lost: fazt $lost_fazt, postfix $lost_postfix)" \
    "$(fmt_int "$(median "${out_fazt[@]}")")" "postfix (relayhost)" \
    "$(fmt_int "$(median "${out_postfix[@]}")")" "$(ratio "$(median "${out_fazt[@]}")" "$(median "${out_postfix[@]}")")"
}
