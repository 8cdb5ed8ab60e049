#!/usr/bin/env bash
# Starts `make local` as a newcomer would (on free ports, so a stack already running elsewhere does not
# interfere), waits for its health check to answer 200, then stops it with Ctrl-C's signal.
set -euo pipefail
cd "$(dirname "$0")/.."

log=$(mktemp)
trap 'rm -f "$log"' EXIT
# setsid: make, npm and node form their own process group, so one signal stops all of them.
PORT=0 WS_PORT=0 setsid make local >"$log" 2>&1 &
leader=$!

api=''
for _ in $(seq 1 240); do
  api=$(sed -n -E 's/^ +API +(http:\/\/[^ ]+)( .*)?$/\1/p' "$log" | head -1)
  [ -n "$api" ] && break
  kill -0 "$leader" 2>/dev/null || break
  sleep 0.5
done
if [ -z "$api" ]; then
  echo "make local did not come up; its output:" >&2
  cat "$log" >&2
  kill -TERM -- "-$leader" 2>/dev/null || true
  exit 1
fi

status=$(curl -s -o /dev/null -w '%{http_code}' "$api/api/health")
kill -INT -- "-$leader" 2>/dev/null || true
wait "$leader" 2>/dev/null || true
if [ "$status" != 200 ]; then
  echo "make local started at $api but /api/health answered $status; its output:" >&2
  cat "$log" >&2
  exit 1
fi
echo "make local started at $api and answered its health check."
