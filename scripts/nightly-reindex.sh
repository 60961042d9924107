#!/bin/bash
# Nightly incremental reindex for cron: brings an lbsearch index up to date with its roots,
# appends one timestamped line per run to a log file (plus the error lines when it fails),
# prints nothing when all is well, and exits non-zero on failure so cron mails the owner.
#
# Usage: nightly-reindex.sh [--index FILE] [--log FILE] [--wait SECONDS] [--full]
#                           [--export-to DIR] [ROOT...]
#
#   --index FILE     the index (else $LBSEARCH_INDEX; required: cron's working folder is arbitrary)
#   --log FILE       the log to append to (else $LBSEARCH_LOG, else FILE.log beside the index)
#   --wait SECONDS   how long to wait for a run still in progress (else $LBSEARCH_WAIT, else 300)
#   --full           rebuild from scratch instead of the incremental update
#   --export-to DIR  after a successful run, write what changed since the last export as
#                    DIR/changes-RUN.ndjson (lbsearch export --checkpoint DIR/export.checkpoint;
#                    the first one, or one after deleting the checkpoint, holds every document),
#                    and log it. Ids are paths relative to the folder that holds the index's
#                    .lbsearch folder (else the index's folder; $LBSEARCH_EXPORT_BASE to choose).
#                    When the index no longer holds the changes since the checkpoint (after
#                    'index --full', or 100 runs), the export fails: delete the checkpoint.
#   ROOT...          folders to index (else $LBSEARCH_ROOTS, colon-separated, else the index's own roots)
#
# The lbsearch binary is $LBSEARCH_BIN, else the repository's .build/release/lbsearch, else
# its .build/debug/lbsearch, else lbsearch on PATH. Works under cron's bare environment
# (env -i, a minimal PATH, no HOME, no terminal).
#
# Exit status: lbsearch's (0 done, 2 error, 3 done but a root was missing, unreadable or
# suddenly empty: its documents were kept, and the log line says PARTIAL; 75 another run
# still holds the index after --wait), or 2 for a usage error of this script.
set -u

index=${LBSEARCH_INDEX:-}
log=${LBSEARCH_LOG:-}
wait=${LBSEARCH_WAIT:-300}
full=
export_to=
roots=()
while [ $# -gt 0 ]; do
    case $1 in
        --index) index=${2:-}; shift 2 || break ;;
        --log) log=${2:-}; shift 2 || break ;;
        --wait) wait=${2:-}; shift 2 || break ;;
        --full) full=--full; shift ;;
        --export-to) export_to=${2:-}; shift 2 || break ;;
        -h | --help) sed -n '2,/^set -u/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
        --) shift; roots+=("$@"); break ;;
        -*) echo "nightly-reindex: unknown option $1 (see --help)" >&2; exit 2 ;;
        *) roots+=("$1"); shift ;;
    esac
done
if [ ${#roots[@]} -eq 0 ] && [ -n "${LBSEARCH_ROOTS:-}" ]; then
    IFS=: read -r -a roots <<<"$LBSEARCH_ROOTS"
fi
if [ -z "$index" ]; then
    echo "nightly-reindex: no index given; use --index FILE or set LBSEARCH_INDEX" >&2
    exit 2
fi
log=${log:-$index.log}
if [ -n "$export_to" ] && [ ! -d "$export_to" ]; then
    echo "nightly-reindex: --export-to $export_to is not a folder" >&2
    exit 2
fi

here=$(cd "$(dirname "$0")" && pwd)
bin=${LBSEARCH_BIN:-}
if [ -z "$bin" ]; then
    for candidate in "$here/../.build/release/lbsearch" "$here/../.build/debug/lbsearch" "$(command -v lbsearch)"; do
        if [ -n "$candidate" ] && [ -x "$candidate" ]; then bin=$candidate; break; fi
    done
fi

stamp() { date '+%Y-%m-%dT%H:%M:%S%z'; }

# Appends "$@" (one line each) to the log, and to stderr so cron mails it.
fail() {
    status=$1; shift
    for line in "$@"; do
        printf '%s %s\n' "$(stamp)" "$line" | tee -a "$log" >&2
    done
    exit "$status"
}

[ -n "$bin" ] && [ -x "$bin" ] || fail 2 "FAILED index=$index: no lbsearch binary; build it (swift build -c release) or set LBSEARCH_BIN"

# The folder export ids are relative to: the one holding the index's .lbsearch folder.
export_base() {
    if [ -n "${LBSEARCH_EXPORT_BASE:-}" ]; then echo "$LBSEARCH_EXPORT_BASE"; return; fi
    local folder
    folder=$(cd "$(dirname "$index")" && pwd) || return 1
    if [ "$(basename "$folder")" = .lbsearch ]; then dirname "$folder"; else echo "$folder"; fi
}

# Writes DIR/changes-RUN.ndjson, then moves the checkpoint forward: a failure or a kill before
# the last step leaves the checkpoint where it was, so the next export repeats these changes.
export_changes() {
    local dir base next_checkpoint next_file run file lines
    dir=$(cd "$export_to" && pwd) || fail 2 "FAILED export index=$index: cannot enter $export_to"
    base=$(export_base) || fail 2 "FAILED export index=$index: cannot find the export folder"
    next_checkpoint=$dir/.export.checkpoint.next
    next_file=$dir/.changes.next.ndjson
    rm -f "$next_checkpoint" "$next_file"
    if [ -f "$dir/export.checkpoint" ]; then
        cp "$dir/export.checkpoint" "$next_checkpoint" ||
            fail 2 "FAILED export index=$index: cannot copy $dir/export.checkpoint"
    fi
    (cd "$base" && "$bin" export --index "$index" --checkpoint "$next_checkpoint" -o "$next_file") \
        >"$out" 2>"$err" </dev/null
    status=$?
    if [ $status -ne 0 ]; then
        rm -f "$next_checkpoint" "$next_file"
        mapfile -t errors <"$err"
        fail "$status" "FAILED export index=$index status=$status" "${errors[@]}"
    fi
    run=$(cat "$next_checkpoint")
    file=$dir/changes-$(printf '%08d' "$run").ndjson
    mv -f "$next_file" "$file" && mv -f "$next_checkpoint" "$dir/export.checkpoint" ||
        fail 2 "FAILED export index=$index: cannot move the change file into $dir"
    lines=$(wc -l <"$file")
    printf '%s export index=%s file=%s lines=%s\n' "$(stamp)" "$index" "$file" "$lines" >>"$log" ||
        fail 2 "FAILED index=$index: cannot append to log $log"
}

out=$(mktemp) && err=$(mktemp) || fail 2 "FAILED index=$index: cannot create temporary files"
trap 'rm -f "$out" "$err"' EXIT

"$bin" index --index "$index" --json --quiet --wait "$wait" $full "${roots[@]}" >"$out" 2>"$err" </dev/null
status=$?
if [ $status -eq 0 ] || [ $status -eq 3 ]; then
    # {"added":1,"updated":0,...} -> added=1 updated=0 ... (the roots that could not be read
    # are on stderr, one line each)
    counts=$(sed -e 's/,"unavailable_roots":.*}$//' -e 's/[{}"]//g' -e 's/:/=/g' -e 's/,/ /g' "$out")
    if [ $status -eq 3 ]; then
        mapfile -t warnings <"$err"
        fail 3 "PARTIAL index=$index $counts${full:+ full}" "${warnings[@]}"
    fi
    printf '%s ok index=%s %s%s\n' "$(stamp)" "$index" "$counts" "${full:+ full}" >>"$log" ||
        fail 2 "FAILED index=$index: cannot append to log $log"
    [ -z "$export_to" ] && exit 0
    export_changes
    exit 0
fi
mapfile -t errors <"$err"
fail "$status" "FAILED index=$index status=$status" "${errors[@]}"
