#!/usr/bin/env bash
# Archive-scale benchmark, run by hand (figures in the README):
#   bash examples/bench/scale.sh [SMALL] [FACTOR]
# Generates SMALL and SMALL×FACTOR synthetic articles (about 1.5 KB each,
# every one with its own sentences), translates each corpus into three
# locales with the pseudo engine and the built-in glossary, and prints wall
# time, CPU time (user + system: other processes on a shared machine do not
# inflate it), editions per second and peak resident memory (GNU time's
# maximum RSS) for both, with the ratios. The whole locpipe process is measured, in the
# default configuration (the SQLite memory on); LOCPIPE_SCALE_FLAGS adds
# flags (e.g. --no-memory).
set -euo pipefail
LOCPIPE_SCALE_FLAGS=${LOCPIPE_SCALE_FLAGS:-}
small=${1:-500}
factor=${2:-10}
cd "$(dirname "$0")/../.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
go build -o "$work/locpipe" ./cmd/locpipe

gen() { # gen N DIR
  local n=$1 dir=$2 i
  for ((i = 0; i < n; i++)); do
    local d="$dir/d$((i % 100))"
    mkdir -p "$d"
    cat >"$d/a$i.txt" <<TXT
Report $i: shelling near Kiev

Officials in Kharkov said $i buildings were damaged overnight. Rescue teams worked until dawn, and power was restored to ${i}0 homes by noon.

"We have counted $i people in the shelters," said the regional governor. "The trains to Lvov run again from tomorrow."

Aid groups in the U.S. and the E.U. pledged a further \$$i.5 million at a conference in Warsaw. The money will go to housing and schools.

Analysts expect the fighting in the Donbass to continue for weeks. Report $i ends here.
TXT
  done
}

run() { # run N -> "seconds cpu_seconds rss_kb editions"
  local n=$1
  gen "$n" "$work/src$n"
  /usr/bin/time -f "%e %U %S %M" -o "$work/time$n" \
    "$work/locpipe" translate --to es,de,uk $LOCPIPE_SCALE_FLAGS --quiet --json --out "$work/out$n" "$work/src$n" >"$work/sum$n"
  read -r secs user sys rss <"$work/time$n"
  eds=$(sed -E 's/.*"editions":([0-9]+).*/\1/' "$work/sum$n")
  echo "$secs $(echo "$user + $sys" | bc -l) $rss $eds"
}

read -r s1 c1 m1 e1 < <(run "$small")
read -r s2 c2 m2 e2 < <(run $((small * factor)))
printf '%-8s %10s %10s %10s %12s %14s\n' files editions seconds cpu-s editions/s peak-RSS-MB
printf '%-8s %10s %10s %10.2f %12.0f %14.1f\n' "$small" "$e1" "$s1" "$c1" "$(echo "$e1 / $s1" | bc -l)" "$(echo "$m1 / 1024" | bc -l)"
printf '%-8s %10s %10s %10.2f %12.0f %14.1f\n' "$((small * factor))" "$e2" "$s2" "$c2" "$(echo "$e2 / $s2" | bc -l)" "$(echo "$m2 / 1024" | bc -l)"
printf 'files ×%d: wall time ratio %.2f, CPU time ratio %.2f, peak RSS ratio %.2f\n' "$factor" "$(echo "$s2 / $s1" | bc -l)" \
  "$(echo "$c2 / $c1" | bc -l)" "$(echo "$m2 / $m1" | bc -l)"
