#!/usr/bin/env bash
# Run `make` targets one after the other, timing each; print the wall time of every stage
# at the end (also when one fails), and exit with the status of the first that failed.
#
# Usage: bash .ci/stages.sh target [target...]
set -uo pipefail
names=()
times=()
status=0
start_all=$SECONDS
for target in "$@"; do
    start=$SECONDS
    printf '\n=== stage %s ===\n' "$target"
    make --no-print-directory "$target"
    status=$?
    names+=("$target")
    times+=($((SECONDS - start)))
    if [ "$status" -ne 0 ]; then
        break
    fi
done
printf '\n=== wall time per stage ===\n'
for i in "${!names[@]}"; do
    printf '%-16s %4d min %02d s\n' "${names[$i]}" $((times[i] / 60)) $((times[i] % 60))
done
total=$((SECONDS - start_all))
printf '%-16s %4d min %02d s\n' "total" $((total / 60)) $((total % 60))
if [ "$status" -ne 0 ]; then
    printf 'stage %s failed (exit %d)\n' "${names[-1]}" "$status"
fi
exit "$status"
