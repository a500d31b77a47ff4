#!/usr/bin/env bash
# Time from `node dist/src/main.js` to the first 200 of /health/ready.
# Usage: scripts/measure-startup.sh [label]   (env passes through: DATABASE_URL, EMBEDDED_DATA_DIR, PORT)
set -u
port=${PORT:-3987}
start=$(date +%s%N)
PORT=$port LOG_LEVEL=warn node dist/src/main.js >/tmp/startup.log 2>&1 &
pid=$!
until curl -sf "http://127.0.0.1:$port/health/ready" >/dev/null 2>&1; do
  sleep 0.02
  kill -0 $pid 2>/dev/null || { echo "server exited:"; cat /tmp/startup.log; exit 1; }
done
end=$(date +%s%N)
echo "${1:-start-up}: ready in $(( (end - start) / 1000000 )) ms"
kill -TERM $pid; wait $pid
