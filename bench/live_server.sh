# Sourced by fuzz.sh and soak.sh: the production server (gunicorn.conf.py: uvicorn workers; DEBUG=0) on a scratch copy of the seed.
# Sets BASE_URL and stops the server (and removes the scratch database) when the calling script exits.
PORT=${LIVE_PORT:-8765}
WORKERS=${LIVE_WORKERS:-2}
SCRATCH=$(mktemp -d)
export DATABASE_URL="sqlite:///$SCRATCH/db.sqlite3" DEBUG=0 ALLOWED_HOSTS=127.0.0.1
export SECRET_KEY="scratch-$(.venv/bin/python -c 'import secrets; print(secrets.token_urlsafe(48))')"
# Measured, not throttled: the rate limits would (rightly) answer 429 to a load test.
export API_THROTTLE_ANON=100000000/minute API_THROTTLE_USER=100000000/minute CORRECTIONS_RATE_LIMIT=100000000
BASE_URL="http://127.0.0.1:$PORT"

echo "== preparing a scratch database in $SCRATCH"
.venv/bin/python manage.py migrate --noinput -v0
.venv/bin/python manage.py load_fixtures -v0
.venv/bin/python manage.py collectstatic --noinput -v0
.venv/bin/gunicorn -w "$WORKERS" -b "127.0.0.1:$PORT" --pid "$SCRATCH/gunicorn.pid" \
  --log-level warning > "$SCRATCH/server.log" 2>&1 &
SERVER_PID=$!
stop_server() {
  kill "$SERVER_PID" 2>/dev/null || true
  wait "$SERVER_PID" 2>/dev/null || true
  rm -rf "$SCRATCH"
}
trap stop_server EXIT
for _ in $(seq 1 60); do
  curl -fs "$BASE_URL/healthz" >/dev/null 2>&1 && break
  sleep 0.5
done
curl -fs "$BASE_URL/healthz" >/dev/null || { echo "the server did not start:"; cat "$SCRATCH/server.log"; exit 1; }
echo "== gunicorn ($WORKERS workers, DEBUG=0) on $BASE_URL"
