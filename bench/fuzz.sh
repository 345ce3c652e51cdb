#!/usr/bin/env bash
# make fuzz: schemathesis against the live server (gunicorn, DEBUG=0, a scratch copy of the seed) and its live
# OpenAPI schema, for a bounded time (FUZZ_SECONDS, default 120, split between two passes):
#   1. as the public: every operation, every check (reads answer; writes must be a documented 401);
#   2. as an editor with a token, so that writes are fuzzed too: every check but positive_data_acceptance,
#      because random ids and slugs can be schema-valid yet name no record or repeat one (a 400 is right).
# Fails on any server error, schema violation or undocumented status code.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/live_server.sh
# FUZZ_WRITES=0 runs the anonymous pass alone, for the whole time (CI's gate: see .ci/run).
if [ "${FUZZ_WRITES:-1}" = "0" ]; then HALF=${FUZZ_SECONDS:-120}; else HALF=$(( ${FUZZ_SECONDS:-120} / 2 )); fi
TOKEN=$(.venv/bin/python manage.py shell -v0 -c "
from django.contrib.auth import get_user_model
from rest_framework.authtoken.models import Token
from editorial.roles import sync_editors_group
user = get_user_model().objects.create_user('fuzzer', is_staff=True)
user.groups.add(sync_editors_group())
print(Token.objects.create(user=user).key)")
SCHEMA="$BASE_URL/api/v1/schema/?format=json"
echo "== pass 1: anonymous, every check, ${HALF} s"
.venv/bin/schemathesis run "$SCHEMA" --url "$BASE_URL" --checks "${FUZZ_CHECKS:-all}" --max-time "$HALF" --no-color \
  ${FUZZ_SEED:+--seed "$FUZZ_SEED"}
if [ "${FUZZ_WRITES:-1}" = "0" ]; then echo "== fuzzing found nothing"; exit 0; fi
echo "== pass 2: an editor's token (writes), ${HALF} s"
.venv/bin/schemathesis run "$SCHEMA" --url "$BASE_URL" --checks all --exclude-checks positive_data_acceptance \
  --max-time "$HALF" --no-color --header "Authorization: Token $TOKEN" ${FUZZ_SEED:+--seed "$FUZZ_SEED"}
echo "== fuzzing found nothing"
