#!/usr/bin/env bash
# One-shot init container of docker-compose.yml: creates the topics of architecture.md section 3
# (org.nefos.events.Topics) with their partitions and retention, then exits 0. Idempotent.
# Dead-letter topics (<topic>.dlq.<group>) are left to broker auto-creation on first use.
# Keep this list in step with Topics.java and k8s/base/kafka/topics.yaml; deploy-check verifies it.
set -euo pipefail
BOOTSTRAP=${KAFKA_BOOTSTRAP_SERVERS:-kafka:9092}
PARTITIONS=${NEFOS_TOPIC_PARTITIONS:-3}
WEEK=604800000   # facts: 7 days
DAY=86400000     # work items: 1 day

topic() {   # name retention-ms
  /opt/kafka/bin/kafka-topics.sh --bootstrap-server "$BOOTSTRAP" --create --if-not-exists \
    --topic "$1" --partitions "$PARTITIONS" --replication-factor 1 --config retention.ms="$2"
}

topic identity.user.events        $WEEK
topic identity.commission.events  $WEEK
topic identity.project.events     $WEEK
topic compute.server.events       $WEEK
topic compute.server.commands     $DAY
topic compute.volume.events       $WEEK
topic compute.snapshot.events     $WEEK
topic network.port.events         $WEEK
topic storage.object.events       $WEEK
topic image.image.events          $WEEK

/opt/kafka/bin/kafka-topics.sh --bootstrap-server "$BOOTSTRAP" --list
