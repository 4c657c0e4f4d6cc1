#!/usr/bin/env bash
# Builds Nefos and runs the whole system on this machine: PostgreSQL and Kafka (DevStack, data kept in
# .local/), every service from its jar, and the gateway on :8080. Seeds a demo user and prints the
# URL and token to use. Ctrl-C stops everything.
#
#   SKIP_BUILD=1 ./run-local.sh     reuse the jars of an earlier build
#   NEFOS_DEMO_TOKEN=...            choose the demo user's token
set -euo pipefail
cd "$(dirname "$0")"

SERVICES=(identity-service compute-service network-service storage-service image-service)   # in start order; the gateway comes last
declare -A PORT=([identity-service]=8081 [compute-service]=8082 [network-service]=8083
                 [storage-service]=8084 [image-service]=8085)
# which component's service token each service presents to identity (Synnefo: cyclades, pithos)
declare -A COMPONENT=([compute-service]=cyclades [network-service]=cyclades [image-service]=cyclades
                      [storage-service]=pithos)
GATEWAY_PORT=${NEFOS_GATEWAY_PORT:-8080}
PG_PORT=${NEFOS_PG_PORT:-15432}
KAFKA_PORT=${NEFOS_KAFKA_PORT:-9092}
PUBLIC_URL=${NEFOS_PUBLIC_URL:-http://127.0.0.1:${GATEWAY_PORT}}
WORK=.local
LOGS=$WORK/logs
mkdir -p "$LOGS"

# secrets of the local run: generated once, kept with the data they protect
SECRETS=$WORK/secrets.env
if [ ! -f "$SECRETS" ]; then
  rnd() { head -c 32 /dev/urandom | base64 | tr -d '/+=' | cut -c1-43; }
  {
    echo "DEMO_TOKEN=${NEFOS_DEMO_TOKEN:-$(rnd)}"
    echo "ADMIN_TOKEN=$(rnd)"
    echo "ASTAKOS_TOKEN=$(rnd)"
    echo "CYCLADES_TOKEN=$(rnd)"
    echo "PITHOS_TOKEN=$(rnd)"
  } > "$SECRETS"
  chmod 600 "$SECRETS"
fi
# the system user owning the public images (added to secrets of earlier runs too)
if ! grep -q '^SYSTEM_TOKEN=' "$SECRETS"; then
  echo "SYSTEM_TOKEN=$(head -c 32 /dev/urandom | base64 | tr -d '/+=' | cut -c1-43)" >> "$SECRETS"
fi
# shellcheck disable=SC1090
. "$SECRETS"
DEMO_UUID=11111111-2222-4333-8444-555555555555
SYSTEM_UUID=00000000-0000-4000-8000-00000000c0de

# secrets reach the services through a private config file, not the command line (ps shows that)
CONF=$PWD/$WORK/config
mkdir -p "$CONF"
umask 077
cat > "$CONF/identity-service.properties" <<PROPS
nefos.identity.admin-token=$ADMIN_TOKEN
nefos.identity.seed.enabled=true
nefos.identity.seed.uuid=$DEMO_UUID
nefos.identity.seed.token=$DEMO_TOKEN
nefos.identity.component-tokens.astakos=$ASTAKOS_TOKEN
nefos.identity.component-tokens.cyclades=$CYCLADES_TOKEN
nefos.identity.component-tokens.pithos=$PITHOS_TOKEN
PROPS
umask 022

pids=()
stop() {
  trap - INT TERM EXIT
  echo
  echo "stopping Nefos ..."
  for ((i=${#pids[@]}-1; i>=0; i--)); do kill "${pids[$i]}" 2>/dev/null || true; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
  echo "stopped."
  exit "${1:-0}"
}
trap 'stop 130' INT
trap 'stop 143' TERM
trap 'stop $?' EXIT

now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", b - a }'; }
t0=$(now)
if [ "${SKIP_BUILD:-0}" != 1 ]; then
  echo "building (./mvnw install -DskipTests) ..."
  ./mvnw -B -q install -DskipTests
fi
tb=$(now)

wait_for() {   # name, pid, command that succeeds when ready; 120 s at most
  local name=$1 pid=$2; shift 2
  local deadline=$((SECONDS + 120))
  until "$@" >/dev/null 2>&1; do
    if ! kill -0 "$pid" 2>/dev/null; then echo "$name exited; see $LOGS/$name.log" >&2; tail -20 "$LOGS/$name.log" >&2; exit 1; fi
    if [ $SECONDS -ge $deadline ]; then echo "$name not ready after 120 s; see $LOGS/$name.log" >&2; exit 1; fi
    sleep 0.3
  done
}
ready() { curl -fsS "http://127.0.0.1:$1/q/health/ready"; }

dbs=()
for s in "${SERVICES[@]}"; do dbs+=("${s//-/_}"); done
: > "$LOGS/devstack.log"   # truncate now: the readiness check must not see an earlier run's line
java -Xmx192m -Djava.util.logging.manager=org.jboss.logmanager.LogManager -Dpg.port="$PG_PORT" -Dkafka.port="$KAFKA_PORT" \
  -cp "testing/target/classes:$(cat testing/target/devstack.classpath)" \
  org.nefos.testing.DevStack "$WORK/infra" "${dbs[@]}" > "$LOGS/devstack.log" 2>&1 &
pids+=($!)
wait_for devstack "${pids[-1]}" grep -q 'DEVSTACK READY' "$LOGS/devstack.log"

component_token() {
  case "${COMPONENT[$1]:-}" in
    cyclades) echo "$CYCLADES_TOKEN" ;;
    pithos) echo "$PITHOS_TOKEN" ;;
    *) echo none ;;
  esac
}
start_service() {
  local s=$1
  NEFOS_COMPONENT_TOKEN=$(component_token "$s") NEFOS_IDENTITY_URL=http://127.0.0.1:${PORT[identity-service]} \
  NEFOS_NETWORK_URL=http://127.0.0.1:${PORT[network-service]} NEFOS_IMAGE_URL=http://127.0.0.1:${PORT[image-service]} \
  NEFOS_BLOCK_DIR=$PWD/$WORK/blocks NEFOS_STORAGE_URL=http://127.0.0.1:${PORT[storage-service]} \
  NEFOS_HTTP_PORT=${PORT[$s]} NEFOS_DB_PORT=$PG_PORT NEFOS_DB_NAME=${s//-/_} \
  KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:$KAFKA_PORT NEFOS_PUBLIC_URL=$PUBLIC_URL \
  NEFOS_AUTH_IDENTITY_URL=http://127.0.0.1:${PORT[identity-service]} \
  QUARKUS_CONFIG_LOCATIONS="$CONF/$s.properties" \
  java -Xmx256m -jar "$s/target/quarkus-app/quarkus-run.jar" > "$LOGS/$s.log" 2>&1 &
  pids+=($!)
}
# identity first (the others check tokens against it), then the rest side by side
touch "$CONF/identity-service.properties"
start_service identity-service
wait_for identity-service "${pids[-1]}" ready "${PORT[identity-service]}"
first=${#pids[@]}
for s in "${SERVICES[@]:1}"; do touch "$CONF/$s.properties"; start_service "$s"; done

# The gateway's heap is fixed (-Xms = -Xmx): proxied bodies pass through short-lived buffers, and a heap that
# G1 shrinks and grows again makes the kernel zero every re-committed page (9 % of its CPU under load, profiled).
NEFOS_HTTP_PORT=$GATEWAY_PORT NEFOS_GATEWAY_PUBLIC_URL=$PUBLIC_URL KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:$KAFKA_PORT \
NEFOS_GATEWAY_IDENTITY_URL=http://127.0.0.1:${PORT[identity-service]} \
NEFOS_GATEWAY_COMPUTE_URL=http://127.0.0.1:${PORT[compute-service]} \
NEFOS_GATEWAY_NETWORK_URL=http://127.0.0.1:${PORT[network-service]} \
NEFOS_GATEWAY_STORAGE_URL=http://127.0.0.1:${PORT[storage-service]} \
NEFOS_GATEWAY_IMAGE_URL=http://127.0.0.1:${PORT[image-service]} \
NEFOS_AUTH_IDENTITY_URL=http://127.0.0.1:${PORT[identity-service]} \
  java -Xms192m -Xmx192m -jar gateway/target/quarkus-app/quarkus-run.jar > "$LOGS/gateway.log" 2>&1 &
pids+=($!)
for i in "${!SERVICES[@]}"; do
  [ "$i" -eq 0 ] && continue
  wait_for "${SERVICES[$i]}" "${pids[$((first + i - 1))]}" ready "${PORT[${SERVICES[$i]}]}"
done
wait_for gateway "${pids[-1]}" ready "$GATEWAY_PORT"

# the public "Debian Base" image: a small real file uploaded by the system user, registered public
seed_image() {
  local id=http://127.0.0.1:${PORT[identity-service]} st=http://127.0.0.1:${PORT[storage-service]}
  local im=http://127.0.0.1:${PORT[image-service]} file=$WORK/seed/debian_base.diskdump
  local obj=$st/object-store/v1/$SYSTEM_UUID/images/debian_base.diskdump
  # tokens go to curl in private header files, not on its command line
  local admin=$CONF/admin.headers system=$CONF/system.headers
  ( umask 077; echo "X-Auth-Token: $ADMIN_TOKEN" > "$admin"; echo "X-Auth-Token: $SYSTEM_TOKEN" > "$system" )
  # 409 on later runs: the user exists
  curl -sS -o /dev/null -X POST "$id/identity/v2.0/users" -H @"$admin" -H 'Content-Type: application/json' \
    --data-binary @- <<JSON
{"user": {"id": "$SYSTEM_UUID", "username": "system@nefos.local", "first_name": "Nefos", "last_name": "System",
          "auth_token": "$SYSTEM_TOKEN"}}
JSON
  if [ ! -f "$file" ]; then
    mkdir -p "$WORK/seed"
    { printf 'Nefos Debian Base seed image (diskdump)\n'; head -c $((2 * 1024 * 1024)) /dev/zero; } > "$file"
  fi
  curl -fsS -o /dev/null -X PUT "$st/object-store/v1/$SYSTEM_UUID/images" -H @"$system"
  if [ "$(curl -sS -o /dev/null -w '%{http_code}' -I "$obj" -H @"$system")" != 200 ]; then
    curl -fsS -o /dev/null -X PUT "$obj" -H @"$system" -H 'Content-Type: application/octet-stream' --data-binary @"$file"
  fi
  # registering again is harmless: same object, same image id
  curl -fsS -o /dev/null -X POST "$im/image/v1.0/images/" -H @"$system" -H 'X-Image-Meta-Name: Debian%20Base' \
    -H "X-Image-Meta-Location: pithos://$SYSTEM_UUID/images/debian_base.diskdump" \
    -H 'X-Image-Meta-Disk-Format: diskdump' -H 'X-Image-Meta-Container-Format: bare' -H 'X-Image-Meta-Is-Public: True' \
    -H 'X-Image-Meta-Property-OSFAMILY: linux' -H 'X-Image-Meta-Property-ROOT_PARTITION: 1' \
    -H 'X-Image-Meta-Property-OS: debian'
}
seed_image || { echo "seeding the Debian Base image failed" >&2; exit 1; }
t1=$(now)

rss() { awk '/VmRSS/ {printf "%d MB", $2/1024}' "/proc/$1/status" 2>/dev/null; }
names=(devstack "${SERVICES[@]}" gateway)
echo
echo "Nefos is up: built in $(elapsed "$t0" "$tb") s, started in $(elapsed "$tb" "$t1") s"
for i in "${!pids[@]}"; do printf '  %-18s pid %-7s RSS %s\n' "${names[$i]}" "${pids[$i]}" "$(rss "${pids[$i]}")"; done
pm=$(ps -eo pid,args | grep -F -- "-D $PWD/$WORK/infra/pgdata" | grep -v -e unshare -e grep | awk '{print $1}' | head -1)
if [ -n "$pm" ]; then
  ps -eo pid,ppid,rss | awk -v pm="$pm" '$1 == pm || $2 == pm { s += $3; n++ }
    END { printf "  %-18s %d processes, RSS %d MB (summed; shared buffers counted in each)\n", "postgres", n, s / 1024 }'
fi
cat <<INFO

  identity URL : $PUBLIC_URL/identity/v2.0
  demo user    : $DEMO_UUID (demo@nefos.local)
  public image : "Debian Base" owned by the system user $SYSTEM_UUID
  token        : $DEMO_TOKEN
  admin token  : $ADMIN_TOKEN   (admin API: $PUBLIC_URL/identity/v2.0/users)

  kamaki config set cloud.default.url $PUBLIC_URL/identity/v2.0
  kamaki config set cloud.default.token $DEMO_TOKEN

  logs and data in $WORK/; Ctrl-C stops everything.
INFO
wait -n "${pids[@]}" || true
echo "a process exited unexpectedly; see $LOGS/" >&2
exit 1
