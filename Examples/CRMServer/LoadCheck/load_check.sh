#!/usr/bin/env bash
# Issue 18's load check: CRMServer on SQLite, driven from a second process (wrk) over loopback.
#
#   bash Examples/CRMServer/LoadCheck/load_check.sh PATH_TO_CRMServer [SECONDS] [--check]
#
# Four runs of SECONDS each (default 15):
#   0. a sales person's page views: GET / (the dashboard: the company's leads), 8 connections;
#   1. page views alone: GET / as HR (the dashboard lists the tenant's accounts), 8 connections;
#   2. logins alone: POST /login with the right password of 48 people in turn (the costly path: an
#      Argon2id verification and a new session each), 16 connections;
#   3. both at once: the login flood of 2 and the page views of 1 side by side.
# It prints requests per second and latency for each, and the share of page views kept under the
# flood. With --check it exits 1 when page views under the flood fall below 10% of page views alone
# (starved) or when a request gets an answer other than the expected ones. Needs wrk (Debian).
set -euo pipefail

binary=$1
seconds=${2:-15}
check=${3:-}
port=18383
base="http://127.0.0.1:$port"
work=$(mktemp -d)
trap 'kill "$server" 2>/dev/null || true; cp "$work/server.log" /tmp/lc-server.log 2>/dev/null; rm -rf "$work"' EXIT

"$binary" --port "$port" --database "$work/crm.sqlite" >"$work/server.log" 2>&1 &
server=$!
for _ in $(seq 1 240); do [ -f "$work/crm.sqlite.accounts" ] && break; sleep 0.5; done
for _ in $(seq 1 40); do curl -fs -o /dev/null "$base/login" && break; sleep 0.25; done

password_of() { awk -F'\t' -v who="$1" '$1 == who { print $2 }' "$work/crm.sqlite.accounts"; }
urlencode() { python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1], safe=""))' "$1"; }

# The anti-forgery pair (cookie and form field) from the sign-in page, as a browser would hold it.
curl -fs -c "$work/jar" "$base/login" >"$work/login.html"
csrf=$(sed -n 's/.*name="csrf_token" value="\([^"]*\)".*/\1/p' "$work/login.html" | head -1)
csrf_cookie=$(awk '$6 == "__Host-csrf" { print $7 }' "$work/jar")

# Sessions for the page views: Hal (HR, whose dashboard lists the tenant's accounts) and Ana (sales,
# whose dashboard shows the company's leads) sign in once each.
sign_in() { # EMAIL: prints the session cookie's value
    cp "$work/jar" "$work/jar-$1"
    curl -fs -b "$work/jar-$1" -c "$work/jar-$1" -o /dev/null -H "Origin: $base" \
        --data "csrf_token=$csrf&email=$(urlencode "$1")&password=$(urlencode "$(password_of "$1")")" "$base/login"
    awk '$6 == "__Host-session" { print $7 }' "$work/jar-$1"
}
hal_session=$(sign_in hal@acme.example)
ana_session=$(sign_in ana@acme.example)
[ -n "$hal_session" ] && [ -n "$ana_session" ] || { echo "load check: could not sign in"; cat "$work/server.log"; exit 1; }

# wrk runs response() in each thread's own Lua state and done() in another: each thread counts in
# globals named by status, and done() adds them up.
cat >"$work/count.lua" <<'EOF'
threads = {}
setup = function(thread) table.insert(threads, thread) end
response = function(status)
  local name = "status_" .. status
  _G[name] = (_G[name] or 0) + 1
end
totals = function()
  local counts = {}
  for _, thread in ipairs(threads) do
    for _, status in ipairs({200, 303, 400, 403, 429, 500, 503}) do
      local count = thread:get("status_" .. status)
      if count then counts[status] = (counts[status] or 0) + count end
    end
  end
  return counts
end
EOF

# The scripts count answers by status: a page view must be 200, a login 303 (signed in) or 503 (the
# hashing pool is full: "We're very busy", answered at once instead of queueing without bound).
views_script() { # NAME SESSION
    cat >"$work/views-$1.lua" <<EOF
wrk.headers["Cookie"] = "__Host-session=$2"
$(cat "$work/count.lua")
done = function(summary, latency)
  local counts, parts = totals(), {}
  for status, count in pairs(counts) do parts[#parts + 1] = status .. "=" .. count end
  table.sort(parts)
  io.write(string.format("RESULT views %.1f %.2f %.2f %.2f %s\n", summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000, table.concat(parts, ",")))
end
EOF
}
views_script hr "$hal_session"
views_script sales "$ana_session"
# The sign-ins: ACCOUNTS people (registered and confirmed through the pages first), taken in turn, so
# that concurrent requests are different people, as in a real morning rush. (One person signing in 16
# times at once from one address is what the lockout's up-front charge is for: it throttles that.)
accounts=${LOAD_CHECK_ACCOUNTS:-48}
load_password="amber river lantern seven 42"
python3 "$(dirname "$0")/seed_accounts.py" "$base" "$accounts" "$load_password"
cat >"$work/logins.lua" <<EOF
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.headers["Cookie"] = "__Host-csrf=$csrf_cookie"
wrk.headers["Origin"] = "$base"
$(cat "$work/count.lua")
next_account = 0
request = function()
  next_account = next_account % $accounts + 1
  return wrk.format(nil, nil, nil,
    "csrf_token=$csrf&email=load" .. next_account .. "%40example.org&password=$(urlencode "$load_password")")
end
done = function(summary, latency)
  local counts, parts = totals(), {}
  for status, count in pairs(counts) do parts[#parts + 1] = status .. "=" .. count end
  table.sort(parts)
  local signedIn = counts[303] or 0
  io.write(string.format("RESULT logins %.1f %.2f %.2f %.2f %s %.1f\n", summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000, table.concat(parts, ","),
    signedIn / (summary.duration / 1e6)))
end
EOF

views() { wrk -t1 -c8 -d"${seconds}s" --latency -s "$work/views-${1:-hr}.lua" "$base/" | grep '^RESULT'; }
logins() { wrk -t1 -c16 -d"${seconds}s" --timeout 10s -s "$work/logins.lua" "$base/login" | grep '^RESULT'; }

# Between runs, the sign-ins still in flight when wrk stopped finish (each holds an up-front lockout
# charge on the shared source address until it does).
settle() { sleep "${LOAD_CHECK_SETTLE:-5}"; }
sales_views=$(views sales)
alone_views=$(views)
alone_logins=$(logins)
settle
logins >"$work/flood" &
flood=$!
sleep 0.5
mixed_views=$(views)
wait "$flood"
mixed_logins=$(cat "$work/flood")

report() { # RESULT kind rate p50 p99 max statuses [signed-in rate]
    read -r _ kind rate p50 p99 max statuses signed <<<"$2"
    printf '%-28s %9s req/s  p50 %8s ms  p99 %8s ms  max %8s ms  %s%s\n' "$1" "$rate" "$p50" "$p99" "$max" \
        "$statuses" "${signed:+  (signed in: $signed/s)}"
}
echo "CRMServer load check: SQLite, wrk on loopback, ${seconds} s per run, $(nproc) cores"
report "sales page views (8 conn)" "$sales_views"
report "HR page views (8 conn)" "$alone_views"
report "logins alone (16 conn)" "$alone_logins"
report "HR page views under the flood" "$mixed_views"
report "logins during HR page views" "$mixed_logins"

share=$(awk -v a="$(awk '{print $3}' <<<"$alone_views")" -v m="$(awk '{print $3}' <<<"$mixed_views")" \
    'BEGIN { printf "%.0f", (a > 0 ? 100 * m / a : 0) }')
echo "page views kept under the login flood: ${share}% of the rate alone"

if [ "$check" = "--check" ]; then
    status=0
    for line in "$sales_views" "$alone_views" "$mixed_views"; do
        statuses=$(awk '{print $7}' <<<"$line")
        [[ "$statuses" =~ ^200=[0-9]+$ ]] || { echo "load check: a page view got $statuses"; status=1; }
    done
    for line in "$alone_logins" "$mixed_logins"; do
        statuses=$(awk '{print $7}' <<<"$line")
        [[ "$statuses" =~ ^((303|503)=[0-9]+,?)+$ ]] || { echo "load check: a login got $statuses"; status=1; }
        [[ "$statuses" =~ 303= ]] || { echo "load check: no login succeeded"; status=1; }
    done
    [ "$share" -ge 10 ] || { echo "load check: page views starved under the login flood"; status=1; }
    exit $status
fi
