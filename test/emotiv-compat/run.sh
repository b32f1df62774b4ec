#!/usr/bin/env bash
# Run EMOTIV's official Python example clients (Emotiv/cortex-example, python/) against
# the cortex-rx simulator. Fetches nothing: the examples' code is not part of this repo
# (do not commit it); pass a local directory holding cortex.py, sub_data.py, record.py,
# marker.py and optionally query_records.py, mental_command_train.py, live_advance.py and
# facial_expression_train.py, exactly as published.
#
#   usage: test/emotiv-compat/run.sh /path/to/cortex-example/python [--replay FILE.edf]
#
# With --replay the simulator also plays FILE (an EDF/EDF+/BDF recording) as a headset, listed first, so the
# examples (which take the first headset of queryHeadsets) stream the file: sub_data.py must then show the file's
# channels among its eeg labels (give a file whose channels no EPOC X or Insight has, e.g. Fz, Cz, Oz).
#   needs: node (repo built or buildable), /usr/bin/python3 with python3-websocket
#          (apt-get install -y python3-websocket). python-dispatch is not packaged by
#          Debian, so a minimal stand-in is used when `from pydispatch import Dispatcher` fails.
#
# The copies are patched only where the examples must be filled in by hand: the URL
# (wss://localhost:6868 -> the simulator's), the CA check (CERT_NONE, as the example's own
# comment suggests), client id/secret, record title and export folder, training profile name.
# The training examples share one simulator: mental_command_train.py trains neutral, push and pull
# into a new profile and saves it; live_advance.py then loads that profile, sets its sensitivities,
# saves it and streams com, which must report a trained action (push or pull), not only neutral.
set -euo pipefail

SRC=${1:?usage: $0 DIR_WITH_EMOTIV_PYTHON_EXAMPLES [--replay FILE]}
REPLAY=
if [ "${2:-}" = --replay ]; then REPLAY=$(realpath "${3:?--replay needs a file}"); fi
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
PY=${PYTHON:-/usr/bin/python3}
WORK=$(mktemp -d "${TMPDIR:-/tmp}/emotiv-compat.XXXXXX")
SIM_PID=
cleanup() { [ -n "$SIM_PID" ] && kill "$SIM_PID" 2>/dev/null || true; }
trap cleanup EXIT

for f in cortex.py sub_data.py record.py marker.py; do
  [ -f "$SRC/$f" ] || { echo "missing $SRC/$f" >&2; exit 2; }
done
"$PY" -c 'import websocket' || { echo "python3-websocket missing (apt-get install -y python3-websocket)" >&2; exit 2; }
[ -f "$ROOT/dist/cli/main.js" ] || (cd "$ROOT" && npm run build >/dev/null)

# --- simulator ---------------------------------------------------------------
SIM_ARGS=(--port 0 --tls --data-dir "$WORK/data")
[ -n "$REPLAY" ] && SIM_ARGS+=(--replay "$REPLAY")
node "$ROOT/bin/cortex-rx.js" simulate "${SIM_ARGS[@]}" >"$WORK/sim.out" 2>"$WORK/sim.err" &
SIM_PID=$!
for _ in $(seq 50); do grep -q '^listening on' "$WORK/sim.out" 2>/dev/null && break; sleep 0.2; done
URL=$(sed -n 's/^listening on //p' "$WORK/sim.out" | head -1)
[ -n "$URL" ] || { cat "$WORK/sim.err" >&2; exit 1; }
URL=${URL/127.0.0.1/localhost}
echo "simulator: $URL"

# --- patched copies ----------------------------------------------------------
mkdir -p "$WORK/py" "$WORK/export-record" "$WORK/export-marker"
cp "$SRC"/*.py "$WORK/py/"
if ! (cd "$WORK/py" && "$PY" -c 'from pydispatch import Dispatcher' 2>/dev/null); then
  mkdir -p "$WORK/py/pydispatch"
  cat >"$WORK/py/pydispatch/__init__.py" <<'EOF'
# minimal stand-in for python-dispatch: _events_ over the MRO, bind/emit, KeyError if undeclared
import weakref
class Dispatcher(object):
    def __new__(cls, *a, **k):
        o = super(Dispatcher, cls).__new__(cls)
        o._ev = {}
        for c in reversed(cls.__mro__):
            for n in getattr(c, '_events_', []) or []:
                o._ev.setdefault(n, [])
        return o
    def register_event(self, *names):
        for n in names: self._ev.setdefault(n, [])
    def bind(self, **kw):
        for n, cb in kw.items():
            self._ev[n].append(weakref.WeakMethod(cb) if hasattr(cb, '__self__') else (lambda cb=cb: cb))
    def emit(self, name, *a, **kw):
        for r in list(self._ev[name]):
            cb = r()
            if cb is not None and cb(*a, **kw) is False: return False
EOF
fi
"$PY" - "$WORK/py" "$URL" "$WORK" <<'EOF'
import re, sys, os
d, url, work = sys.argv[1:4]
def patch(name, subs):
    p = os.path.join(d, name)
    if not os.path.exists(p): return
    s = open(p).read()
    for pat, rep in subs:
        s, n = re.subn(pat, rep, s)
        if n == 0: sys.exit('patch failed in %s: %s' % (name, pat))
    open(p, 'w').write(s)
patch('cortex.py', [(r'"wss://localhost:6868"', repr(url)),
                    (r"sslopt\s*=\s*\{[^}]*\}", 'sslopt = {"cert_reqs": ssl.CERT_NONE}')])
ids = [(r"your_app_client_id\s*=\s*'[^']*'", "your_app_client_id = 'ci-client'"),
       (r"your_app_client_secret\s*=\s*'[^']*'", "your_app_client_secret = 'ci-secret'")]
patch('sub_data.py', ids)
patch('query_records.py', ids)
patch('record.py', ids + [(r"record_title\s*=\s*''", "record_title = 'ci record'"),
                          (r"record_export_folder\s*=\s*''", "record_export_folder = %r" % (work + '/export-record'))])
patch('marker.py', ids + [(r"record_title\s*=\s*''", "record_title = 'ci marker record'"),
                          (r"record_export_folder\s*=\s*''", "record_export_folder = %r" % (work + '/export-marker'))])
patch('mental_command_train.py', ids + [(r"profile_name\s*=\s*''", "profile_name = 'ci-mc-profile'")])
patch('facial_expression_train.py', ids + [(r"profile_name\s*=\s*''", "profile_name = 'ci-fe-profile'")])
patch('live_advance.py', ids + [(r"trained_profile_name\s*=\s*''", "trained_profile_name = 'ci-mc-profile'")])
EOF

# --- run ---------------------------------------------------------------------
fail=0 pass=0
check() { if eval "$2"; then echo "PASS $1"; pass=$((pass + 1)); else echo "FAIL $1 (log: $3)"; fail=$((fail + 1)); fi; }
# run NAME SECONDS: runs NAME.py for at most SECONDS; its output goes to $LOG, its exit status to $rc
run() { LOG="$WORK/$1.log"; timeout "$2" "$PY" -u "$1.py" >"$LOG" 2>&1 && rc=0 || rc=$?; }
exits0() { check "$1.py exits 0" "[ $rc = 0 ]" "$LOG"; }
cd "$WORK/py"

# sub_data.py streams forever: give it 10 s, then look for labels and data of each stream
run sub_data 10
for s in eeg mot met pow; do
  check "sub_data $s labels" "grep -q '^$s labels are : \[' '$LOG'" "$LOG"
done
for p in 'eeg data' 'motion data' 'pm data' 'pow data'; do
  check "sub_data $p" "[ \$(grep -c '^$p: ' '$LOG') -ge 5 ]" "$LOG"
done
if [ -n "$REPLAY" ]; then
  # the file's channel names, as cortex-rx/files reads them, must all be eeg labels
  CHANNELS=$(node -e 'console.log(require(process.argv[1]).readEdf(process.argv[2]).channels.join(" "))' \
    "$ROOT/dist/files/index.js" "$REPLAY")
  for c in $CHANNELS; do
    check "sub_data replay channel $c" "grep -q \"^eeg labels are : \\[.*'$c'\" '$LOG'" "$LOG"
  done
fi

run record 90
exits0 record
check "record.py exported" "ls '$WORK/export-record' | grep -q 'EEG.*\.csv'" "$LOG"

run marker 120
exits0 marker
check "marker.py 10 markers" "[ \$(grep -c '^on_inject_marker_done' '$LOG') = 10 ]" "$LOG"
check "marker.py exported" "[ \$(ls '$WORK'/export-marker/*markers*.csv 2>/dev/null | wc -l) -ge 1 ]" "$LOG"

# query_records.py needs a cortex.py with query_records support (newer upstream versions)
if [ -f query_records.py ] && grep -q query_records_done cortex.py; then
  # with only local records the example has nothing left to do and never closes: bound it
  run query_records 15
  check "query_records.py lists records" "grep -q '^recordId .* sync status ' '$LOG'" "$LOG"
else
  echo "SKIP query_records.py (absent, or cortex.py too old for it)"
fi

# training: each action goes start -> *_Succeeded -> accept -> *_Completed, then save, unload, close
if [ -f mental_command_train.py ]; then
  run mental_command_train 120
  exits0 mental_command_train
  check "mental_command_train.py 3 actions trained" "[ \$(grep -c '^on_new_sys_data: .* : MC_Completed' '$LOG') = 3 ]" "$LOG"
  check "mental_command_train.py profile saved" "grep -q '^Save profile ci-mc-profile successfully' '$LOG'" "$LOG"
  if [ -f live_advance.py ]; then
    # streams com forever: bound it; detection slots are 3 s, every other one carries a trained action
    run live_advance 30
    check "live_advance.py active actions" "grep -q \"^on_get_mc_active_action_done: \\['push', 'pull'\\]\" '$LOG'" "$LOG"
    check "live_advance.py sensitivity set" "grep -q '^on_mc_action_sensitivity_done: success' '$LOG'" "$LOG"
    check "live_advance.py com subscribed" "grep -q '^The data stream com is subscribed successfully' '$LOG'" "$LOG"
    check "live_advance.py com reports a trained action" "grep -Eq \"^mc data: \\{'action': '(push|pull)'\" '$LOG'" "$LOG"
  fi
else
  echo "SKIP mental_command_train.py, live_advance.py (absent)"
fi
if [ -f facial_expression_train.py ]; then
  run facial_expression_train 120
  exits0 facial_expression_train
  check "facial_expression_train.py 3 actions trained" "[ \$(grep -c '^on_new_sys_data: .* : FE_Completed' '$LOG') = 3 ]" "$LOG"
fi

echo "logs in $WORK"
echo "emotiv-compat: $pass passed, $fail failed"
[ "$fail" = 0 ]
