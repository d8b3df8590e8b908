#!/usr/bin/env bash
# Every refusal of `kinora-cli serve` at the HTTP level, with curl: the status and the
# Videos API's error code. Usage: errors.sh KINORA_CLI WORK_DIR  (exit 0 pass, 1 fail)
set -uo pipefail
cli="$1"
work="$2"
rm -rf "$work" && mkdir -p "$work"
failures=0
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null; wait "$p" 2>/dev/null; done; }
trap cleanup EXIT

# start NAME ARGS...: a server on a free port of 127.0.0.1; sets $port.
start() {
  local name="$1"
  shift
  "$cli" serve --port 0 --data "$work/$name" --model kinora-tiny-fast --quiet "$@" \
    >"$work/$name.out" 2>"$work/$name.err" &
  pids+=($!)
  for _ in $(seq 1 600); do
    port="$(sed -n 's|.*listening on http://127\.0\.0\.1:\([0-9]*\)/.*|\1|p' "$work/$name.out")"
    [ -n "$port" ] && return 0
    sleep 0.1
  done
  echo "FAIL: the $name server did not start: $(cat "$work/$name.err")"
  exit 1
}

# expect WHAT STATUS CODE CURL-ARGS...: one request, its status and error.code checked.
expect() {
  local what="$1" status="$2" code="$3"
  shift 3
  local got body
  got="$(curl -s -o "$work/body" -w '%{http_code}' "$@")"
  body="$(cat "$work/body")"
  if [ "$got" != "$status" ] || ! grep -q "\"code\":\"$code\"" <<<"$body"; then
    echo "FAIL: $what: expected $status $code, got $got $body"
    failures=$((failures + 1))
  else
    echo "ok: $what: $got $code"
  fi
}

start open --max-body-mb 1 --queue 1
base="http://127.0.0.1:$port/v1"
expect "unknown id" 404 not_found "$base/videos/video_0123456789abcdef0123456789abcdef"
expect "unknown endpoint" 404 unknown_url "$base/images"
expect "bad size" 400 invalid_size -F prompt="a big red ball" -F size=720x1280 "$base/videos"
expect "bad seconds" 400 invalid_seconds -F prompt="a big red ball" -F seconds=12x "$base/videos"
expect "unknown model" 400 invalid_model -F prompt="a big red ball" -F model=veo-3 "$base/videos"
expect "refused prompt" 400 moderation_blocked -F prompt="a man covered in bl00d" "$base/videos"
expect "no prompt" 400 missing_required_parameter -F seconds=1 "$base/videos"
head -c $((2 * 1024 * 1024)) /dev/urandom >"$work/big.png"
expect "oversize upload" 413 request_too_large -F prompt="a big red ball" \
  -F "input_reference=@$work/big.png;type=image/png" "$base/videos"
printf 'not a picture' >"$work/bad.png"
expect "corrupt picture" 400 invalid_image -F prompt="a big red ball" \
  -F "input_reference=@$work/bad.png;type=image/png" "$base/videos"
expect "not JSON" 400 invalid_json -H 'Content-Type: application/json' -d '{"prompt":' "$base/videos"
# A full queue: one job running (1000 steps), one waiting, the next refused.
long="$(curl -s -F prompt="a big red ball" -F seconds=1 -F steps=1000 "$base/videos" |
  sed -n 's/.*"id":"\(video_[0-9a-f]*\)".*/\1/p')"
for _ in $(seq 1 100); do
  curl -s "$base/videos/$long" | grep -q '"status":"in_progress"' && break
  sleep 0.1
done
curl -s -o /dev/null -F prompt="a big red ball" -F seconds=1 "$base/videos"
expect "full queue" 429 queue_full -F prompt="a big red ball" -F seconds=1 "$base/videos"
expect "content before completion" 400 video_not_ready "$base/videos/$long/content"
curl -s -o /dev/null -X DELETE "$base/videos/$long"

# A token: refused without it or with another, served with it.
openssl rand -hex 24 >"$work/token" 2>/dev/null || head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n' >"$work/token"
chmod 600 "$work/token"
start guarded --token-file "$work/token"
base="http://127.0.0.1:$port/v1"
expect "missing token" 401 invalid_api_key "$base/videos"
expect "wrong token" 401 invalid_api_key -H "Authorization: Bearer 0123456789abcdef0123" "$base/videos"
got="$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $(cat "$work/token")" "$base/videos")"
[ "$got" = 200 ] && echo "ok: with the token: 200" || { echo "FAIL: with the token: $got"; failures=$((failures + 1)); }

# Off loopback without a token the server refuses to start (and never listens).
if "$cli" serve --host 0.0.0.0 --port 0 --data "$work/exposed" 2>"$work/exposed.err" >/dev/null; then
  echo "FAIL: serve --host 0.0.0.0 without a token started"
  failures=$((failures + 1))
elif grep -q "without a token" "$work/exposed.err"; then
  echo "ok: off loopback without a token: refused ($(cat "$work/exposed.err"))"
else
  echo "FAIL: off loopback: $(cat "$work/exposed.err")"
  failures=$((failures + 1))
fi

[ "$failures" -eq 0 ] && echo "passed" || echo "$failures failed"
exit $((failures > 0))
