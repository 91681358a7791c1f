# shellcheck shell=bash
# The demo_* globals are shared with scripts/demo, which sets and reads them:
# shellcheck disable=SC2034,SC2154
# Pieces of scripts/demo: build, start the sandbox and fitbot, play the
# tour, stop everything. Every function reads and sets the demo_* globals.
#   demo_top   the checkout          demo_work  a private temp directory
#   demo_bdir  the build directory   demo_pids  processes we started

DEMO_ADMIN_ID=${DEMO_ADMIN_ID:-100000001}
DEMO_MEMBER_ID=${DEMO_MEMBER_ID:-7000000001}
demo_pids=()

demo_say() { printf '%s\n' "demo: $*" >&2; }

# Build the programs and every plugin that builds (a broken plugin is
# reported and left out, the demo goes on with the others).
demo_build() {
  local t targets=(fitbot fitbot-sandbox fitbot-chat) plugin
  demo_say "building in ${demo_bdir#"$demo_top"/}"
  cmake -S "$demo_top" -B "$demo_bdir" -DCMAKE_BUILD_TYPE=RelWithDebInfo >"$demo_work/cmake.log" 2>&1 ||
    { cat "$demo_work/cmake.log" >&2; return 1; }
  for t in "${targets[@]}"; do
    cmake --build "$demo_bdir" --target "$t" -j "$(nproc)" >"$demo_work/build-$t.log" 2>&1 ||
      { tail -n 30 "$demo_work/build-$t.log" >&2; demo_say "cannot build $t"; return 1; }
  done
  for plugin in "$demo_top"/plugins/*/CMakeLists.txt; do
    t=$(basename "$(dirname "$plugin")")
    cmake --build "$demo_bdir" --target "$t" -j "$(nproc)" >"$demo_work/build-$t.log" 2>&1 ||
      demo_say "plugin $t does not build yet: left out"
  done
}

# Wait up to $3 seconds for file $1 to contain pattern $2.
demo_wait_for() {
  local i
  for ((i = 0; i < $3 * 10; i++)); do
    grep -q -- "$2" "$1" 2>/dev/null && return 0
    sleep 0.1
  done
  return 1
}

demo_start_db() {
  fitbot_pg_start "$demo_work/pg" || return 1
  psql -q "$FITBOT_TEST_DATABASE_URL" -c "CREATE DATABASE fitbot_demo" >/dev/null || return 1
  demo_db_url="postgresql://fitbot@127.0.0.1:$FITBOT_PG_PORT/fitbot_demo"
}

# Start the sandbox on a free port; sets demo_api_url.
demo_start_sandbox() {
  "$demo_bdir/sdk/sandbox/fitbot-sandbox" --port 0 --token "$demo_token" \
    >"$demo_work/sandbox.out" 2>"$demo_work/sandbox.log" &
  demo_pids+=($!)
  demo_wait_for "$demo_work/sandbox.out" "listening on" 10 ||
    { cat "$demo_work/sandbox.log" >&2; demo_say "the sandbox did not start"; return 1; }
  demo_api_url=$(sed -n 's/.*listening on \(http:[^ ]*\).*/\1/p' "$demo_work/sandbox.out" | head -n 1)
}

# The config file: every plugin built, the demo admin as super admin.
demo_write_config() {
  local conf=$demo_work/fitbot.conf
  {
    echo "[fitbot]"
    echo "database_url = $demo_db_url"
    [ -n "${demo_api_url:-}" ] && echo "api_url = $demo_api_url"
    [ -n "${demo_token_file:-}" ] && echo "token_file = $demo_token_file"
    echo "super_admin = ${FITBOT_SUPER_ADMIN:-$DEMO_ADMIN_ID}"
    echo "plugin_dir = $demo_bdir/plugins"
    echo "sql_dir = $demo_top/sql"
    echo "workers = 2"
    echo "poll_timeout = 2"
    echo "log_level = info"
    demo_club_config
  } >"$conf"
  demo_conf=$conf
}

# The club's own lines of the config, after the host's: the time zone
# (still in [fitbot]) and the plugins' sections. The tour's test
# (tests/integration/tour) appends the same lines to its config.
demo_club_config() {
  echo "timezone = Asia/Kolkata"
  echo "[plugin.users]"
  echo "approval = staff"
  echo "[plugin.payments]"
  echo "vpa = ${DEMO_VPA:-fitclub@okhdfc}"
  echo "payee = ${DEMO_PAYEE:-Fit Club}"
}

demo_start_fitbot() {
  "$demo_bdir/host/fitbot" migrate --config "$demo_conf" >"$demo_work/migrate.log" 2>&1 ||
    { cat "$demo_work/migrate.log" >&2; demo_say "migrations failed"; return 1; }
  demo_seed "$demo_db_url" || true # no gst_store built: nothing to seed
  "$demo_bdir/host/fitbot" run --config "$demo_conf" 2>"$demo_work/fitbot.log" &
  demo_pids+=($!)
  demo_fitbot_pid=$!
  demo_wait_for "$demo_work/fitbot.log" "event=ready" 30 ||
    { tail -n 30 "$demo_work/fitbot.log" >&2; demo_say "fitbot did not get ready"; return 1; }
}

# The demo club's GST settings and store in database $1, as an admin
# would set them with /gst and /items; fails without the gst_store
# plugin's tables (its migrations applied). The tour's test seeds the same.
demo_seed() {
  psql -q "$1" -v ON_ERROR_STOP=1 >/dev/null 2>&1 <<'SQL'
UPDATE gst_settings SET enabled = true, mode = 'inclusive',
  legal_name = 'Fit Club Pvt Ltd', address = '12 MG Road, Pune 411001',
  gstin = '27AAPFU0939F1ZV', state_code = '27';
INSERT INTO gst_items (serial, name, hsn, unit, mrp_paise, rate_bp) VALUES
  ('P001', 'Whey protein 1 kg', '2106', 'NOS', 349900, 1800),
  ('S001', 'Personal training session', '999723', 'NOS', 99900, 500)
ON CONFLICT DO NOTHING;
SQL
}

demo_chat() {
  "$demo_bdir/sdk/chat/fitbot-chat" --url "$demo_api_url" --token "$demo_token" \
    --member "$DEMO_MEMBER_ID" --admin "$DEMO_ADMIN_ID" "$@"
}

# The scripted tour: a member registers (with one wrong answer on the
# way: the phone typed wrong, then shared with the 📱 button, which sends
# fitbot-chat's phone of the member), the admin approves and creates a
# plan, the member subscribes and pays by UPI (the QR picture and the
# link come; the member sends a screenshot), the admin approves the
# payment, the member's /my_subscription shows it active; the admin issues
# a GST invoice for a tub of whey (the member gets the PDF, saved by
# fitbot-chat), the member pays it at the desk, the admin approves and the
# invoice is paid; the admin adds a receivable (two protein shakes, ₹250),
# the member sees it in /my_dues, the admin records cash 200 + UPI 100
# against it (₹50 left as credit); the admin broadcasts to all members and
# the member gets the copy; the command menu Telegram now shows the member.
# tests/integration/tour (the test demo_tour) plays these same lines with
# all seven plugins and checks each step: change both together.
demo_tour() {
  cat <<'TOUR'
/start
1
Asha Verma
12345
1
28
72.5
2
1
/as admin
1
/plans
1
Monthly
30
1500
/as member
/start
/subscribe
1
1
1
/photo my UPI receipt
/as admin
1
/as member
/my_subscription
/as admin
/invoice
7000000001
1
1
2
/say 1
1
2
/say 0
1
1
/as member
1
2
/as admin
1
/ar_new
7000000001
1
Protein shake x2
250
0
31/12/2030
1
/as member
/my_dues
/as admin
/ar_pay
7000000001
1
cash 200; upi 100 UTR123
1
/broadcast
1
Hi {name}, the club is open this Sunday from 6 am!
1
1
/sleep 5000
/as member
/commands
/quit
TOUR
}

# Stop what we started, newest first: SIGTERM, then SIGKILL after 10 s.
demo_stop() {
  local i pid n
  for ((i = ${#demo_pids[@]} - 1; i >= 0; i--)); do
    pid=${demo_pids[$i]}
    kill -TERM "$pid" 2>/dev/null || continue
    for ((n = 0; n < 100; n++)); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
    kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  demo_pids=()
  [ -n "${demo_work:-}" ] && fitbot_pg_stop "$demo_work/pg"
}
