#!/usr/bin/env bash
# Nefos benchmarks (issue 11): starts the local stack (run-local.sh) on loopback, measures object transfer,
# control plane, the build pipeline and start-up, each figure the median of BENCH_RUNS runs with its
# reference measured in the same run, writes bench/results/<date>.json and .md, and stops all it started.
#
#   bench/run.sh                       BENCH_RUNS=3 BENCH_DURATION=3s BENCH_SIZE_MB=1024 BENCH_SERVERS=200
#   BENCH_BUILD_DURATION=0s            compute backend build duration of the run (default 0s: zero-delay)
#   BENCH_SLOW_BUILD=1s                the build pipeline again on a restarted stack with this backend delay
#                                      (shows whether builds overlap); "" skips it
#   BENCH_LIST_SIZES="100 1000"        servers/detail measured with this many servers listed
#   BENCH_PAR_STREAMS=16 BENCH_PAR_MIB=64   parallel object streams
#   BENCH_README=1                     also writes the table into README.md between the bench markers
#   BENCH_ONLY=transfer                only the object transfer scenarios (big PUT/GET, hashmap re-upload)
#   BENCH_ONLY=overhead                only the request-rate scenarios (1 KiB GET/HEAD, tokens, servers/detail)
#   BENCH_WARMUP=5s                    each URL a request-rate scenario measures is first loaded this long, unrecorded,
#                                      so the JIT has compiled the path before it is measured (gateway and direct
#                                      alike); "0s" skips the warm-up
#   BENCH_DETAIL_WARMUP=60s BENCH_DETAIL_RUNS=5   servers/detail: its (longer) warm-up per URL and its runs; a
#                                      100+ KB chunked answer takes C2 a minute of load to compile its whole path
#   BENCH_NGINX_PROXY_PORT=18091       nginx as a plain reverse proxy in front of compute-service, measured with
#                                      servers/detail in the same runs: what any extra hop costs on this machine
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
RUNS=${BENCH_RUNS:-3}
DUR=${BENCH_DURATION:-3s}
SIZE_MB=${BENCH_SIZE_MB:-1024}
NSERVERS=${BENCH_SERVERS:-200}
LIST_SIZES=${BENCH_LIST_SIZES:-100 1000}
SLOW_BUILD=${BENCH_SLOW_BUILD:-1s}
PAR_STREAMS=${BENCH_PAR_STREAMS:-16}
PAR_MIB=${BENCH_PAR_MIB:-64}
README_TABLE=${BENCH_README:-1}
ONLY=${BENCH_ONLY:-}
WARMUP=${BENCH_WARMUP:-5s}
DETAIL_WARMUP=${BENCH_DETAIL_WARMUP:-60s}
DETAIL_RUNS=${BENCH_DETAIL_RUNS:-5}
BUILD_DURATION=${BENCH_BUILD_DURATION:-0s}
WORK=bench/work
RES=bench/results
STAMP=$(date -u +%Y-%m-%d-%H%M)
mkdir -p "$WORK" "$RES"
LOG=$WORK/run-local.log
U=11111111-2222-4333-8444-555555555555
G=http://127.0.0.1:${NEFOS_GATEWAY_PORT:-8080}
S=http://127.0.0.1:8084
ID=http://127.0.0.1:8081
C=http://127.0.0.1:8082
NGINX_PORT=${BENCH_NGINX_PORT:-18090}
NGINX_PROXY_PORT=${BENCH_NGINX_PROXY_PORT:-18091}
BENCH="java -Xmx256m $ROOT/bench/src/Bench.java"
if command -v javac >/dev/null && javac -d "$ROOT/$WORK/classes" bench/src/Bench.java 2>/dev/null; then
  BENCH="java -Xmx256m -cp $ROOT/$WORK/classes Bench"   # compiled once: a source launch costs seconds per call
fi

say() { echo "[bench $(date +%T)] $*" >&2; }

# --- tools (best effort) ---------------------------------------------------------------------------------
missing=()
command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || missing+=(nginx-light)
command -v wrk >/dev/null || missing+=(wrk)
if [ ${#missing[@]} -gt 0 ]; then
  sudo=; [ "$(id -u)" = 0 ] || sudo="sudo -n"
  say "installing ${missing[*]} (best effort)"
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q "${missing[@]}" >/dev/null 2>&1 || say "apt-get install failed; continuing without ${missing[*]}"
fi
NGINX=$(command -v nginx || echo /usr/sbin/nginx); [ -x "$NGINX" ] || NGINX=
WRK=$(command -v wrk || true)
for t in curl openssl jq java; do command -v $t >/dev/null || { echo "bench: $t is required" >&2; exit 1; }; done

# --- start / stop ----------------------------------------------------------------------------------------
for p in 8080 8081 8082 8083 8084 8085 15432 9092 "$NGINX_PORT" "$NGINX_PROXY_PORT"; do
  if (exec 3<>/dev/tcp/127.0.0.1/$p) 2>/dev/null; then echo "bench: port $p is in use; stop the running stack first" >&2; exit 1; fi
done
RL_PID= NGINX_PID= NGINX_PROXY_PID=
cleanup() {
  trap - INT TERM EXIT
  [ -n "$NGINX_PID" ] && kill "$NGINX_PID" 2>/dev/null || true
  [ -n "$NGINX_PROXY_PID" ] && kill "$NGINX_PROXY_PID" 2>/dev/null || true
  if [ -n "$RL_PID" ] && kill -0 "$RL_PID" 2>/dev/null; then
    say "stopping the stack"
    kill -TERM "$RL_PID" 2>/dev/null || true           # run-local.sh stops its services on TERM
    for _ in $(seq 60); do kill -0 "$RL_PID" 2>/dev/null || break; sleep 0.5; done
    kill -KILL -- "-$RL_PID" 2>/dev/null || true        # its process group, if anything is left
  fi
  [ -n "$NGINX_PID" ] && wait "$NGINX_PID" 2>/dev/null || true
}
trap 'cleanup; exit 130' INT
trap 'cleanup; exit 143' TERM
trap 'cleanup' EXIT

skip=1
for m in identity-service compute-service storage-service gateway; do [ -f $m/target/quarkus-app/quarkus-run.jar ] || skip=0; done
[ -f testing/target/devstack.classpath ] || skip=0
start_stack() {  # build duration of the compute backend; waits until run-local.sh prints "Nefos is up"
  say "starting the stack (SKIP_BUILD=$skip, compute backend build duration $1)"
  NEFOS_COMPUTE_BACKEND_BUILD_DURATION=$1 SKIP_BUILD=$skip setsid ./run-local.sh > "$LOG" 2>&1 &
  RL_PID=$!
  skip=1   # a second start reuses the jars of the first
  local deadline=$((SECONDS + 900))
  until grep -q 'Nefos is up' "$LOG" 2>/dev/null; do
    kill -0 "$RL_PID" 2>/dev/null || { echo "bench: run-local.sh exited; see $LOG" >&2; tail -20 "$LOG" >&2; exit 1; }
    [ $SECONDS -lt $deadline ] || { echo "bench: stack not up after 900 s" >&2; exit 1; }
    sleep 0.5
  done
  sleep 1
}
stop_stack() {
  say "stopping the stack"
  kill -TERM "$RL_PID" 2>/dev/null || true
  for _ in $(seq 120); do kill -0 "$RL_PID" 2>/dev/null || break; sleep 0.5; done
  kill -KILL -- "-$RL_PID" 2>/dev/null || true
  wait "$RL_PID" 2>/dev/null || true
  RL_PID=
  for p in 8080 8081 8082 8083 8084 8085 15432 9092; do   # the ports must be free before the next start
    for _ in $(seq 60); do (exec 3<>/dev/tcp/127.0.0.1/$p) 2>/dev/null || break; sleep 0.5; done
  done
}
start_stack "$BUILD_DURATION"
# shellcheck disable=SC1091
. .local/secrets.env
T=$DEMO_TOKEN
# the services of this run, as run-local.sh lists them ("  <name>  pid <pid>  RSS <n> MB")
mapfile -t SVCS < <(awk '$2 == "pid" && $1 != "devstack" {print $1}' "$LOG")
say "stack up: ${SVCS[*]}"

# --- helpers ---------------------------------------------------------------------------------------------
now() { date +%s.%N; }
median() { tr ' ' '\n' | grep -v '^$' | sort -g | awk '{a[NR]=$1} END {if (NR==0) print "null"; else if (NR%2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a !~ /^[0-9.eE+-]+$/ || b !~ /^[0-9.eE+-]+$/ || b + 0 == 0) print "null"; else printf "%.3f", a / b }'; }   # "null" unless both are numbers
mbps() { awk -v b="$1" -v s="$2" 'BEGIN { printf "%.1f", b / s / 1e6 }'; }
declare -A R   # name -> space-separated values of the runs
add() { R[$1]="${R[$1]:-} $2"; }
ms() {  # wrk duration (12.3us / 4.5ms / 1.2s) -> ms
  awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /ms$/) n += 0; else if (v ~ /s$/) n *= 1000; printf "%.3f", n }'; }
ticks() {  # pid... -> their user+system CPU time so far, in clock ticks (children that exited not included)
  local p t=0; for p in "$@"; do t=$((t + $(awk '{print $14 + $15}' "/proc/$p/stat" 2>/dev/null || echo 0))); done; echo $t; }
HZ=$(getconf CLK_TCK)
machine_ticks() { awk '/^cpu / {print $2 + $3 + $4 + $7 + $8}' /proc/stat; }  # all CPUs busy (user nice system irq softirq)
wrk_run() {  # key conns url [lua]; with CPU_PIDS set, also <key>.cpu_ms_per_req: those processes' CPU per request,
  #            and <key>.cpu_share: their share of all the machine's busy CPU meanwhile (wrk's own included); on a
  #            saturated machine the hop's own part of the throughput it costs, steady where req/s drifts by 20 %
  #            (the rest of the loss is what one more busy process costs the others: switches, caches)
  local key=$1 c=$2 url=$3 lua=${4:-} th=$(( $2 < 2 ? 1 : 2 )) out t0 m0 t
  if [ -n "$WRK" ]; then
    [ -z "${CPU_PIDS:-}" ] || { t0=$(ticks $CPU_PIDS); m0=$(machine_ticks); }
    out=$($WRK -t$th -c$c -d"$DUR" --latency -H "X-Auth-Token: $T" ${lua:+-s "$lua"} "$url")
    if [ -n "${CPU_PIDS:-}" ]; then
      t=$(( $(ticks $CPU_PIDS) - t0 ))
      add "$key.cpu_ms_per_req" "$(awk -v t=$t -v hz="$HZ" '/requests in/ {n = $1}
        END { if (n > 0) printf "%.3f", t * 1000 / hz / n; else print "null" }' <<<"$out")"
      add "$key.cpu_share" "$(awk -v t=$t -v m=$(( $(machine_ticks) - m0 )) 'BEGIN { if (m > 0) printf "%.3f", t / m; else print "null" }')"
    fi
    add "$key.rps" "$(awk '/^Requests\/sec/ {print $2}' <<<"$out")"
    add "$key.p50_ms" "$(ms "$(awk '$1 == "50%" {print $2}' <<<"$out")")"
    add "$key.p99_ms" "$(ms "$(awk '$1 == "99%" {print $2}' <<<"$out")")"
    add "$key.errors" "$(awk '/Non-2xx/ {n=$NF} END {print n+0}' <<<"$out")"
  else
    [ -z "$lua" ] || return 0
    java_load "$key" GET "$c" "$url"
  fi
}
warm() {  # url... : load each URL for WARMUP without recording (wrk only; the Java loop warms as it measures)
  [ -n "$WRK" ] && [ "${WARMUP%s}" != 0 ] || return 0
  local u; for u in "$@"; do $WRK -t2 -c8 -d"$WARMUP" -H "X-Auth-Token: $T" "$u" > /dev/null || true; done
}
java_load() {  # key method conns url
  local out; out=$($BENCH load "$2" "$4" "$3" "${DUR%s}" "$T")
  for f in rps p50_ms p99_ms errors; do add "$1.$f" "$(jq -r .$f <<<"$out")"; done
}

# quotas: enough for BENCH_RUNS x BENCH_SERVERS + 100 servers and the uploads' versions
big=1099511627776000
curl -fsS -o /dev/null -X PUT -H "X-Auth-Token: $ADMIN_TOKEN" -H 'Content-Type: application/json' \
  -d "{\"base_quotas\":{\"cyclades.vm\":100000,\"cyclades.cpu\":1000000,\"cyclades.total_cpu\":1000000,\"cyclades.ram\":$big,\"cyclades.total_ram\":$big,\"cyclades.disk\":$big,\"pithos.diskspace\":$big}}" \
  "$G/identity/v2.0/users/$U/base_quotas"

# --- 4. start-up (from this launch) ----------------------------------------------------------------------
declare -A STARTED RSS
for s in "${SVCS[@]}"; do
  STARTED[$s]=$(grep -m1 -o 'started in [0-9.]*s' ".local/logs/$s.log" | grep -o '[0-9.]*' | head -1 || echo null)
  RSS[$s]=$(awk -v s="$s" '$1 == s {print $5}' "$LOG")
done
RSS[devstack]=$(awk '$1 == "devstack" {print $5}' "$LOG")
RSS[postgres]=$(awk '$1 == "postgres" {for (i=1;i<=NF;i++) if ($i=="RSS") print $(i+1)}' "$LOG")
STACK_UP=$(grep -o 'started in [0-9.]* s' "$LOG" | grep -o '[0-9.]*')

# --- 1. object transfer ----------------------------------------------------------------------------------
F=$WORK/bench-${SIZE_MB}m.bin
BYTES=$((SIZE_MB * 1048576))
head -c 1024 /dev/urandom > "$WORK/1k.bin"
for base in "$G" "$S"; do
  curl -fsS -o /dev/null -X PUT -H "X-Auth-Token: $T" -H 'Content-Length: 0' "$base/object-store/v1/$U/bench"
done
curl -fsS -o /dev/null -T "$WORK/1k.bin" -H "X-Auth-Token: $T" -H 'Content-Type: application/octet-stream' "$S/object-store/v1/$U/bench/1k"

if [ "$ONLY" != overhead ]; then   # BENCH_ONLY=overhead skips the big transfers
if [ ! -f "$F" ] || [ "$(stat -c %s "$F")" != "$BYTES" ]; then
  say "generating $F ($SIZE_MB MiB)"; head -c "$BYTES" /dev/urandom > "$F"
fi
$BENCH hashmap "$F" > "$WORK/hashmap.json"

if [ -n "$NGINX" ]; then
  NG=$ROOT/$WORK/nginx; mkdir -p "$NG/root"; ln -sf "$ROOT/$F" "$NG/root/big"
  cat > "$NG/nginx.conf" <<CONF
worker_processes 1;
pid $NG/nginx.pid;
error_log $NG/error.log;
events { worker_connections 64; }
http {
  access_log off; sendfile on; tcp_nopush on; types {} default_type application/octet-stream;
  client_body_temp_path $NG/tmp; proxy_temp_path $NG/tmp; fastcgi_temp_path $NG/tmp; uwsgi_temp_path $NG/tmp; scgi_temp_path $NG/tmp;
  server { listen 127.0.0.1:$NGINX_PORT; root $NG/root; }
}
CONF
  mkdir -p "$NG/tmp"
  "$NGINX" -p "$NG" -c "$NG/nginx.conf" -g 'daemon off;' 2>"$NG/stderr.log" &
  NGINX_PID=$!
  sleep 1
fi

put() {  # url -> bytes/s; Expect: off so the body goes at once
  curl -fsS -o /dev/null -H 'Expect:' -H "X-Auth-Token: $T" -H 'Content-Type: application/octet-stream' -T "$F" -w '%{speed_upload}' "$1"; }
get() { curl -fsS -o /dev/null -H "X-Auth-Token: $T" -w '%{speed_download}' "$1"; }
hashmap_put() {  # url -> "code seconds"
  curl -sS -o "$WORK/hashmap.out" -X PUT -H "X-Auth-Token: $T" -H 'Content-Type: application/octet-stream' \
    --data-binary @"$WORK/hashmap.json" -w '%{http_code} %{time_total}' "$1?hashmap&format=json"; }

for r in $(seq "$RUNS"); do
  say "transfer run $r/$RUNS"
  cat "$F" > /dev/null   # page cache
  t=$(now); openssl dgst -sha256 "$F" > /dev/null; add openssl_sha256.mbps "$(mbps $BYTES "$(awk -v a=$t -v b=$(now) 'BEGIN{print b-a}')")"
  t=$(now); openssl dgst -md5 "$F" > /dev/null;    add openssl_md5.mbps "$(mbps $BYTES "$(awk -v a=$t -v b=$(now) 'BEGIN{print b-a}')")"
  # the disk's durable write rate (an upload fsyncs every block before it commits)
  t=$(now); dd if="$F" of="$WORK/dd.bin" bs=4M conv=fdatasync status=none; add disk_fdatasync.mbps "$(mbps $BYTES "$(awk -v a=$t -v b=$(now) 'BEGIN{print b-a}')")"; rm -f "$WORK/dd.bin"
  [ -z "$NGINX_PID" ] || add nginx_get.mbps "$(mbps "$(curl -fsS -o /dev/null -w '%{speed_download}' "http://127.0.0.1:$NGINX_PORT/big")" 1)"
  add put_gateway.mbps "$(mbps "$(put "$G/object-store/v1/$U/bench/big-g")" 1)"
  add put_direct.mbps "$(mbps "$(put "$S/object-store/v1/$U/bench/big-d")" 1)"
  add get_gateway.mbps "$(mbps "$(get "$G/object-store/v1/$U/bench/big-g")" 1)"
  add get_direct.mbps "$(mbps "$(get "$S/object-store/v1/$U/bench/big-d")" 1)"
  read -r code secs <<<"$(hashmap_put "$G/object-store/v1/$U/bench/big-h")"
  add hashmap_put_gateway.s "$secs"; add hashmap_put_gateway.code "$code"
  read -r code secs <<<"$(hashmap_put "$S/object-store/v1/$U/bench/big-hd")"
  add hashmap_put_direct.s "$secs"; add hashmap_put_direct.code "$code"
  for base in "$G" "$S"; do
    key=$([ "$base" = "$G" ] && echo gateway || echo direct)
    out=$($BENCH parallel "$base/object-store/v1/$U/bench" "$T" "$PAR_STREAMS" "$PAR_MIB")
    add "par_put_$key.mbps" "$(jq -r .put_mbps <<<"$out")"; add "par_get_$key.mbps" "$(jq -r .get_mbps <<<"$out")"
    add "par_$key.failed" "$(jq -r .failed <<<"$out")"
  done
done
[ -z "$NGINX_PID" ] || { kill "$NGINX_PID" 2>/dev/null || true; wait "$NGINX_PID" 2>/dev/null || true; NGINX_PID=; }
fi   # BENCH_ONLY=overhead

N_LISTED=()
if [ "$ONLY" != transfer ]; then   # BENCH_ONLY=transfer stops after the big transfers
say "1 KiB GET/HEAD"
echo 'wrk.method = "HEAD"' > "$WORK/head.lua"
warm "$G/object-store/v1/$U/bench/1k" "$S/object-store/v1/$U/bench/1k"
for r in $(seq "$RUNS"); do
  for c in 1 8; do
    wrk_run "get1k_gateway_c$c" $c "$G/object-store/v1/$U/bench/1k"
    wrk_run "get1k_direct_c$c" $c "$S/object-store/v1/$U/bench/1k"
    java_load "head1k_gateway_c$c" HEAD $c "$G/object-store/v1/$U/bench/1k"
    java_load "head1k_direct_c$c" HEAD $c "$S/object-store/v1/$U/bench/1k"
    java_load "get1k_java_gateway_c$c" GET $c "$G/object-store/v1/$U/bench/1k"
  done
done

# --- 2. control plane ------------------------------------------------------------------------------------
say "tokens"
cat > "$WORK/tokens.lua" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"auth":{"token":{"id":"$T"}}}'
LUA
for r in $(seq "$RUNS"); do
  wrk_run tokens_gateway_c8 8 "$G/identity/v2.0/tokens" "$WORK/tokens.lua"
  wrk_run tokens_direct_c8 8 "$ID/identity/v2.0/tokens" "$WORK/tokens.lua"
done

IMAGE=$(curl -fsS -H "X-Auth-Token: $T" "$G/compute/v2.0/images/detail" | jq -r '[.images[] | select(.status == "ACTIVE")][0].id')
FLAVOR=$(curl -fsS -H "X-Auth-Token: $T" "$G/compute/v2.0/flavors/detail" | jq -r '[.flavors[] | select(.["SNF:allow_create"] == true)][0].id')
GATEWAY_PID=$(awk '$1 == "gateway" && $2 == "pid" {print $3}' "$LOG")
NP=http://127.0.0.1:$NGINX_PROXY_PORT
if [ -n "$NGINX" ] && [ -n "$WRK" ]; then
  # the reference hop: nginx, one worker per processor like the gateway's event loops, keep-alive upstream
  # connections, nothing buffered or logged
  NPX=$ROOT/$WORK/nginx-proxy; mkdir -p "$NPX/tmp"
  cat > "$NPX/nginx.conf" <<CONF
worker_processes auto;
pid $NPX/nginx.pid;
error_log $NPX/error.log;
events { worker_connections 256; }
http {
  access_log off;
  client_body_temp_path $NPX/tmp; proxy_temp_path $NPX/tmp; fastcgi_temp_path $NPX/tmp; uwsgi_temp_path $NPX/tmp; scgi_temp_path $NPX/tmp;
  upstream compute { server 127.0.0.1:8082; keepalive 64; }
  server {
    listen 127.0.0.1:$NGINX_PROXY_PORT;
    location / { proxy_pass http://compute; proxy_http_version 1.1; proxy_set_header Connection ""; proxy_buffering off; }
  }
}
CONF
  "$NGINX" -p "$NPX" -c "$NPX/nginx.conf" -g 'daemon off;' 2>"$NPX/stderr.log" &
  NGINX_PROXY_PID=$!
  for _ in $(seq 40); do curl -fs -o /dev/null "$NP/compute/v2.0" 2>/dev/null && break; sleep 0.25; done
fi
for size in $LIST_SIZES; do
  have=$(curl -fsS -H "X-Auth-Token: $T" "$G/compute/v2.0/servers" | jq '.servers | length')
  if [ "$have" -lt "$size" ]; then
    say "creating $((size - have)) servers for the listing"
    $BENCH servers "$C/compute/v2.0" "$T" $((size - have)) 8 "$IMAGE" "$FLAVOR" > "$WORK/fill.json"
  fi
  n=$(curl -fsS -H "X-Auth-Token: $T" "$G/compute/v2.0/servers" | jq '.servers | length')
  N_LISTED+=("$size:$n")
  say "servers/detail with $n servers (warm-up $DETAIL_WARMUP per URL, $DETAIL_RUNS runs)"
  WARMUP=$DETAIL_WARMUP warm "$G/compute/v2.0/servers/detail" "$C/compute/v2.0/servers/detail" \
    ${NGINX_PROXY_PID:+"$NP/compute/v2.0/servers/detail"}
  for r in $(seq "$DETAIL_RUNS"); do
    CPU_PIDS=$GATEWAY_PID wrk_run "detail${size}_gateway_c8" 8 "$G/compute/v2.0/servers/detail"
    wrk_run "detail${size}_direct_c8" 8 "$C/compute/v2.0/servers/detail"
    [ -z "$NGINX_PROXY_PID" ] || CPU_PIDS=$(pgrep -d ' ' -P "$NGINX_PROXY_PID") \
      wrk_run "detail${size}_nginx_c8" 8 "$NP/compute/v2.0/servers/detail"
  done
done

# --- 3. build pipeline -----------------------------------------------------------------------------------
pipeline() {  # key prefix
  for r in $(seq "$RUNS"); do
    say "build pipeline ($1) run $r/$RUNS: $NSERVERS creates"
    out=$($BENCH servers "$G/compute/v2.0" "$T" "$NSERVERS" 8 "$IMAGE" "$FLAVOR")
    for f in active_p50_ms active_p99_ms create_p50_ms create_p99_ms accepted_per_s active_per_s failed; do add "$1.$f" "$(jq -r .$f <<<"$out")"; done
  done
}
[ "$ONLY" = overhead ] || pipeline build

fi   # BENCH_ONLY

# RSS after the load
declare -A RSS_AFTER
for s in "${SVCS[@]}"; do
  pid=$(awk -v s="$s" '$1 == s {print $3}' "$LOG")
  RSS_AFTER[$s]=$(awk '/VmRSS/ {printf "%d", $2/1024}' "/proc/$pid/status" 2>/dev/null || echo null)
done

if [ -n "$SLOW_BUILD" ] && [ -z "$ONLY" ]; then
  stop_stack
  start_stack "$SLOW_BUILD"
  pipeline build_slow
  STACK_UP2=$(grep -o 'started in [0-9.]* s' "$LOG" | grep -o '[0-9.]*')
fi

# --- results ---------------------------------------------------------------------------------------------
M() { median <<<"${R[$1]:-}"; }
JSON=$RES/$STAMP.json
{
  echo "{"
  echo "  \"date\": \"$(date -u +%FT%TZ)\", \"machine\": \"$(uname -srm) / $(nproc) CPU $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //;s/"//g') / $(awk '/MemTotal/ {printf "%d GiB", $2/1048576}' /proc/meminfo)\","
  echo "  \"load_average_at_end\": \"$(cut -d' ' -f1-3 /proc/loadavg)\", \"runs\": $RUNS, \"wrk_duration\": \"$DUR\", \"object_bytes\": $BYTES,"
  echo "  \"compute_build_duration\": \"$BUILD_DURATION\", \"servers_listed\": \"${N_LISTED[*]}\", \"slow_build_duration\": \"$SLOW_BUILD\", \"servers_per_build_run\": $NSERVERS, \"wrk\": $([ -n "$WRK" ] && echo true || echo false),"
  echo "  \"stack_started_s\": ${STACK_UP:-null}, \"stack_restarted_s\": ${STACK_UP2:-null},"
  echo "  \"startup\": {"
  first=1
  for s in "${SVCS[@]}"; do
    [ $first = 1 ] || echo ","; first=0
    printf '    "%s": {"quarkus_started_s": %s, "rss_ready_mb": %s, "rss_after_bench_mb": %s}' "$s" "${STARTED[$s]:-null}" "${RSS[$s]:-null}" "${RSS_AFTER[$s]:-null}"
  done
  printf ',\n    "devstack": {"rss_ready_mb": %s}, "postgres": {"rss_ready_mb_summed": %s}\n  },\n' "${RSS[devstack]:-null}" "${RSS[postgres]:-null}"
  echo "  \"medians\": {"
  first=1
  for k in $(printf '%s\n' "${!R[@]}" | sort); do
    [ $first = 1 ] || echo ","; first=0
    v=$(M "$k"); printf '    "%s": %s' "$k" "${v:-null}"
  done
  echo; echo "  },"
  echo "  \"runs_raw\": {"
  first=1
  for k in $(printf '%s\n' "${!R[@]}" | sort); do
    [ $first = 1 ] || echo ","; first=0
    printf '    "%s": [%s]' "$k" "$(echo ${R[$k]} | sed 's/ /, /g')"
  done
  echo; echo "  }"
  echo "}"
} > "$JSON"
jq . "$JSON" > /dev/null

J() { jq -r ".medians[\"$1\"] // \"n/a\"" "$JSON"; }
mark() { awk -v v="$1" -v op="$2" -v t="$3" 'BEGIN { if (v == "null" || v == "n/a" || v == "") { print "n/a"; exit }
  ok = (op == ">=") ? (v + 0 >= t + 0) : (v + 0 <= t + 0); print (ok ? "met" : "**not met**") }'; }
loss() { awk -v g="$1" -v d="$2" 'BEGIN { if (d + 0 == 0) print "null"; else printf "%.3f", 1 - g / d }'; }
up_ratio=$(ratio "$(J put_gateway.mbps)" "$(J openssl_sha256.mbps)")
up_ratio_d=$(ratio "$(J put_direct.mbps)" "$(J openssl_sha256.mbps)")
down_ratio=$(ratio "$(J get_gateway.mbps)" "$(J nginx_get.mbps)")
down_ratio_d=$(ratio "$(J get_direct.mbps)" "$(J nginx_get.mbps)")
loss_put=$(loss "$(J put_gateway.mbps)" "$(J put_direct.mbps)")
loss_get=$(loss "$(J get_gateway.mbps)" "$(J get_direct.mbps)")
loss_1k=$(loss "$(J get1k_gateway_c8.rps)" "$(J get1k_direct_c8.rps)")
hm_ratio=$(ratio "$(J hashmap_put_gateway.s)" "$(awk -v b=$BYTES -v m="$(J put_gateway.mbps)" 'BEGIN{if (m+0 > 0) printf "%.3f", b/1e6/m; else print "null"}')")
MD=$RES/$STAMP.md
{
  echo "### Nefos benchmarks, $(jq -r .date "$JSON")"
  echo
  echo "Machine: $(jq -r .machine "$JSON"), load average at end $(jq -r .load_average_at_end "$JSON") (shared machine: compare ratios, not absolutes)."
  echo "Medians of $RUNS runs, reference in the same run; wrk ${DUR} per run; object $((BYTES / 1048576)) MiB; compute backend build duration $BUILD_DURATION."
  echo
  echo "| Measurement | Gateway | Direct | Reference | Ratio / target |"
  echo "|---|---|---|---|---|"
  echo "| PUT ${SIZE_MB} MiB, MB/s | $(J put_gateway.mbps) | $(J put_direct.mbps) | openssl sha256 $(J openssl_sha256.mbps), md5 $(J openssl_md5.mbps); disk write+fdatasync $(J disk_fdatasync.mbps) | upload/sha256 $up_ratio (direct $up_ratio_d) ≥ 0.7: $(mark "$up_ratio" ">=" 0.7) |"
  echo "| GET ${SIZE_MB} MiB, MB/s | $(J get_gateway.mbps) | $(J get_direct.mbps) | nginx sendfile $(J nginx_get.mbps) | download/nginx $down_ratio (direct $down_ratio_d) ≥ 0.33: $(mark "$down_ratio" ">=" 0.33) |"
  echo "| Gateway throughput loss (PUT / GET / 1 KiB GET c8) | $loss_put / $loss_get / $loss_1k | | | ≤ 0.15: $(mark "$loss_put" "<=" 0.15) / $(mark "$loss_get" "<=" 0.15) / $(mark "$loss_1k" "<=" 0.15) |"
  echo "| Hashmap re-upload (no block sent), s | $(J hashmap_put_gateway.s) (HTTP $(echo ${R[hashmap_put_gateway.code]:-})) | $(J hashmap_put_direct.s) (HTTP $(echo ${R[hashmap_put_direct.code]:-})) | first upload $(awk -v b=$BYTES -v m="$(J put_gateway.mbps)" 'BEGIN{if (m+0 > 0) printf "%.2f", b/1e6/m; else print "n/a"}') s | hashmap/first $hm_ratio |"
  echo "| $PAR_STREAMS parallel streams × $PAR_MIB MiB, aggregate PUT · GET MB/s | $(J par_put_gateway.mbps) · $(J par_get_gateway.mbps) | $(J par_put_direct.mbps) · $(J par_get_direct.mbps) | single stream PUT · GET above | failed $(J par_gateway.failed) / $(J par_direct.failed) |"
  for c in 1 8; do
    echo "| 1 KiB GET c$c (wrk), req/s · p50 · p99 ms | $(J get1k_gateway_c$c.rps) · $(J get1k_gateway_c$c.p50_ms) · $(J get1k_gateway_c$c.p99_ms) | $(J get1k_direct_c$c.rps) · $(J get1k_direct_c$c.p50_ms) · $(J get1k_direct_c$c.p99_ms) | | $([ $c = 8 ] && echo "≥ 5000 req/s: $(mark "$(J get1k_gateway_c8.rps)" ">=" 5000), p99 ≤ 10 ms: $(mark "$(J get1k_gateway_c8.p99_ms)" "<=" 10)") |"
  done
  for c in 1 8; do
    echo "| 1 KiB HEAD c$c (Java loop), req/s · p50 · p99 ms | $(J head1k_gateway_c$c.rps) · $(J head1k_gateway_c$c.p50_ms) · $(J head1k_gateway_c$c.p99_ms) | $(J head1k_direct_c$c.rps) · $(J head1k_direct_c$c.p50_ms) · $(J head1k_direct_c$c.p99_ms) | GET with the same loop: $(J get1k_java_gateway_c$c.rps) · $(J get1k_java_gateway_c$c.p50_ms) · $(J get1k_java_gateway_c$c.p99_ms) | |"
  done
  echo "| POST /tokens c8, req/s · p50 · p99 ms | $(J tokens_gateway_c8.rps) · $(J tokens_gateway_c8.p50_ms) · $(J tokens_gateway_c8.p99_ms) | $(J tokens_direct_c8.rps) · $(J tokens_direct_c8.p50_ms) · $(J tokens_direct_c8.p99_ms) | | loss $(loss "$(J tokens_gateway_c8.rps)" "$(J tokens_direct_c8.rps)") |"
  for sz in "${N_LISTED[@]}"; do
    k=detail${sz%%:*}
    l=$(loss "$(J ${k}_gateway_c8.rps)" "$(J ${k}_direct_c8.rps)")
    nl=$(loss "$(J ${k}_nginx_c8.rps)" "$(J ${k}_direct_c8.rps)")
    echo "| GET servers/detail (${sz#*:} servers) c8, req/s · p50 · p99 ms; hop CPU ms/req | $(J ${k}_gateway_c8.rps) · $(J ${k}_gateway_c8.p50_ms) · $(J ${k}_gateway_c8.p99_ms); $(J ${k}_gateway_c8.cpu_ms_per_req) | $(J ${k}_direct_c8.rps) · $(J ${k}_direct_c8.p50_ms) · $(J ${k}_direct_c8.p99_ms) | nginx reverse proxy $(J ${k}_nginx_c8.rps) · $(J ${k}_nginx_c8.p50_ms) · $(J ${k}_nginx_c8.p99_ms); $(J ${k}_nginx_c8.cpu_ms_per_req), loss $nl, CPU share $(J ${k}_nginx_c8.cpu_share) | gateway loss $l ≤ 0.15: $(mark "$l" "<=" 0.15); gateway CPU share $(J ${k}_gateway_c8.cpu_share) |"
  done
  echo "| Build: $NSERVERS creates, 8 clients, backend $BUILD_DURATION: 202→ACTIVE p50 · p99 ms | $(J build.active_p50_ms) · $(J build.active_p99_ms) | | | p99 ≤ 250 ms: $(mark "$(J build.active_p99_ms)" "<=" 250) |"
  echo "| Build: POST latency p50 · p99 ms; accepted/s; ACTIVE/s sustained | $(J build.create_p50_ms) · $(J build.create_p99_ms); $(J build.accepted_per_s); $(J build.active_per_s) | | | failed $(J build.failed) |"
  if [ -n "$SLOW_BUILD" ]; then
    echo "| Build with backend $SLOW_BUILD: 202→ACTIVE p50 · p99 ms; ACTIVE/s sustained | $(J build_slow.active_p50_ms) · $(J build_slow.active_p99_ms); $(J build_slow.active_per_s) | | serial would be $(awk -v d="${SLOW_BUILD%s}" 'BEGIN{printf "%.2f", 1/d}')/s | overlap $(ratio "$(J build_slow.active_per_s)" "$(awk -v d="${SLOW_BUILD%s}" 'BEGIN{printf "%.3f", 1/d}')")× (8 clients: ≤ 8×); failed $(J build_slow.failed) |"
  fi
  for s in "${SVCS[@]}"; do
    echo "| Start-up $s: Quarkus started in s; RSS ready / after MB | ${STARTED[$s]} s; ${RSS[$s]} / ${RSS_AFTER[$s]} | | | ≤ 5 s: $(mark "${STARTED[$s]}" "<=" 5); ≤ 250 MB: $(mark "$(printf '%s\n' "${RSS[$s]}" "${RSS_AFTER[$s]}" | sort -g | tail -1)" "<=" 250) |"
  done
  echo "| Whole local run: launch → ready s (restart); devstack, postgres RSS MB | ${STACK_UP} s (${STACK_UP2:-n/a} s); ${RSS[devstack]}, ${RSS[postgres]} (summed) | | | |"
} > "$MD"
cat "$MD"
if [ "$README_TABLE" = 1 ] && grep -q '<!-- bench:start -->' README.md; then
  # the README keeps the latest table between its markers
  awk -v md="$MD" '/<!-- bench:start -->/ { print; while ((getline l < md) > 0) print l; skip = 1; next }
    /<!-- bench:end -->/ { skip = 0 } !skip' README.md > "$WORK/README.new" && mv "$WORK/README.new" README.md
  say "README.md table updated"
fi
say "wrote $JSON and $MD"
