#!/usr/bin/env bash
# The JVM's mode for a tunegate run (docs/PERFORMANCE.md, "The JVM's mode, chosen per run by the launcher").
# Sourced by ./tunegate.
#
# Most runs are short, and their time goes to start-up, where C2 and the profiling tiers compete with the work for
# the two cores and buy nothing. So a run is "quick": C1 alone (-XX:TieredStopAtLevel=1) and the serial collector
# (the JVM's own choice on a small machine: no concurrent threads to start), which takes 0.6-0.8 of the default's
# time. C2 pays off only where a large input meets per-row computation (tokens, shingles, patterns: 10-25 % faster
# from about 30k rows), so a run is "full" (the JVM's defaults) when
#   - the command serves (a long-running process), or
#   - an argument is a file over 32 MiB, or a folder holding one within three levels, and the command does more with
#     it than count its rows (an audit whose --only names counts alone is a parse and a SHA-256: as fast when quick,
#     measured at 1M rows).
# TUNEGATE_JVM_MODE=quick or full overrides the choice; auto is the default. A collector named in TUNEGATE_JAVA_OPTS
# is left alone (the JVM refuses two).

# Sets JVM_MODE_OPTIONS to the JVM options of the run whose arguments are given (empty for the JVM's defaults);
# returns 2 after a message when TUNEGATE_JVM_MODE holds something else than auto, quick or full. No subshell and one
# process at most (a find over the arguments that are files or folders): the launcher pays for it on every run.
jvm_mode_options() {
  JVM_MODE_OPTIONS=""
  case "${TUNEGATE_JVM_MODE:-auto}" in
    quick) quick_options ;;
    full) ;;
    auto) if quick_serves "$@"; then quick_options; fi ;;
    *)
      echo "error: TUNEGATE_JVM_MODE is '$TUNEGATE_JVM_MODE'; expected auto, quick or full." >&2
      return 2
      ;;
  esac
}

quick_options() {
  case " ${TUNEGATE_JAVA_OPTS:-} " in
    *" -XX:+Use"*GC" "*) JVM_MODE_OPTIONS="-XX:TieredStopAtLevel=1" ;;
    *) JVM_MODE_OPTIONS="-XX:TieredStopAtLevel=1 -XX:+UseSerialGC" ;;
  esac
}

quick_serves() { # the arguments of a run: true when the quick mode serves it best
  [ "${1:-}" = serve ] && return 1
  local a v prev="" only="" check paths=()
  for a in "$@"; do
    v="$a"
    case "$a" in --*=*) v="${a#*=}" ;; esac
    case "$a" in --only=*) only="$v" ;; esac
    [ "$prev" = --only ] && only="$a"
    prev="$a"
    case "$v" in -*) continue ;; esac # an option: find would take it for one of its own
    [ -e "$v" ] && paths+=("$v")
  done
  [ ${#paths[@]} = 0 ] && return 0
  # a file over 32 MiB, named or within three levels of a named folder
  [ -z "$(find "${paths[@]}" -maxdepth 3 -type f -size +32M -print -quit 2>/dev/null)" ] && return 0
  # a large input: quick only for an audit that counts and does nothing else
  [ "${1:-}" = audit ] && [ -n "$only" ] || return 1
  local IFS=,
  for check in $only; do [ "$check" = counts ] || return 1; done
  return 0
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  jvm_mode_options "$@" || exit
  echo "$JVM_MODE_OPTIONS"
fi
