#!/usr/bin/env bash
# The JIT a tunegate run gets (docs/PERFORMANCE.md, "The JIT, chosen per run by the launcher"). Sourced by ./tunegate.
#
# Most runs are short, and their time goes to start-up, where C2 and the profiling tiers compete with the work for
# the cores and buy nothing: with C1 alone (-XX:TieredStopAtLevel=1) they take 0.6-0.8 of the time. C2 pays off
# only where a large input meets per-row computation (tokens, shingles, patterns: 10-25 % faster from about 30k
# rows). So C1 alone, unless
#   - the command serves (a long-running process), or
#   - an argument is a file over 32 MiB, or a folder holding one within three levels, and the command does more with
#     it than count its rows (an audit whose --only names counts alone is a parse and a SHA-256: as fast under C1,
#     measured at 1M rows).
# TUNEGATE_JIT=quick (C1 alone) or full (the JVM's default) overrides the choice; auto is the default.

# Prints the JVM option for the run whose arguments are given (nothing for the JVM's default); exits 2 after a
# message when TUNEGATE_JIT holds something else than auto, quick or full.
jit_option() {
  case "${TUNEGATE_JIT:-auto}" in
    quick) echo "-XX:TieredStopAtLevel=1" ;;
    full) ;;
    auto) if c1_serves "$@"; then echo "-XX:TieredStopAtLevel=1"; fi ;;
    *)
      echo "error: TUNEGATE_JIT is '$TUNEGATE_JIT'; expected auto, quick or full." >&2
      return 2
      ;;
  esac
}

c1_serves() { # the arguments of a run: true when C1 alone serves it best
  [ "${1:-}" = serve ] && return 1
  local a v prev="" large="" only=""
  for a in "$@"; do
    v="$a"
    case "$a" in --*=*) v="${a#*=}" ;; esac
    case "$a" in --only=*) only="$v" ;; esac
    [ "$prev" = --only ] && only="$a"
    prev="$a"
    if [ -f "$v" ]; then
      [ -n "$(find "$v" -maxdepth 0 -size +32M 2>/dev/null)" ] && large=1
    elif [ -d "$v" ]; then
      [ -n "$(find "$v" -maxdepth 3 -type f -size +32M -print -quit 2>/dev/null)" ] && large=1
    fi
  done
  [ -z "$large" ] && return 0
  # a large input: C1 alone only for an audit that counts and does nothing else
  [ "${1:-}" = audit ] && [ -n "$only" ] && [ -z "$(printf '%s' "$only" | tr ',' '\n' | grep -vx 'counts')" ]
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then jit_option "$@"; fi
