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
  local o
  for o in ${TUNEGATE_JAVA_OPTS:-}; do
    case "$o" in
      -XX:+UseSerialGC | -XX:+UseParallelGC | -XX:+UseG1GC | -XX:+UseZGC | -XX:+UseShenandoahGC | -XX:+UseEpsilonGC)
        JVM_MODE_OPTIONS="-XX:TieredStopAtLevel=1"
        return
        ;;
    esac
  done
  JVM_MODE_OPTIONS="-XX:TieredStopAtLevel=1 -XX:+UseSerialGC"
}

quick_serves() { # the arguments of a run: true when the quick mode serves it best
  local a v prev="" only="" check command="" positional="" paths=()
  for a in "$@"; do
    v="$a"
    if [ -z "$positional" ]; then
      case "$a" in
        --) positional=1; continue ;;
        --*=*) v="${a#*=}" ;;
      esac
      case "$a" in --only=*) only="$v" ;; esac
      [ "$prev" = --only ] && only="$a"
      prev="$a"
      # the command: the first argument that is not tunegate's own --stacktrace
      [ -z "$command" ] && [ "$a" != --stacktrace ] && command="$a"
      case "$v" in -*) continue ;; esac # an option: find would take it for one of its own
    fi
    [ -e "$v" ] && paths+=("$v")
  done
  [ "$command" = serve ] && return 1
  [ ${#paths[@]} = 0 ] && return 0
  # a file over 32 MiB, named or within three levels of a named folder, links followed (a dataset is often a link
  # into a cache); a path starting with '-' is given as ./-…, or find would take it for an option
  local i
  for i in "${!paths[@]}"; do
    case "${paths[$i]}" in -*) paths[i]="./${paths[$i]}" ;; esac
  done
  [ -z "$(find -L "${paths[@]}" -maxdepth 3 -type f -size +32M -print -quit 2>/dev/null)" ] && return 0
  # a large input: quick only for an audit that counts and does nothing else (the list read as the CLI reads it:
  # any case, blanks around the names)
  [ "$command" = audit ] && [ -n "$only" ] || return 1
  local IFS=,
  for check in $only; do
    check="${check//[[:space:]]/}"
    [ "${check,,}" = counts ] || return 1
  done
  return 0
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  jvm_mode_options "$@" || exit
  echo "$JVM_MODE_OPTIONS"
fi
