#!/usr/bin/env bash
# Prints the home of a JDK >= 21: JAVA_HOME, then `java` on the PATH, then the usual install folders.
# Exits 1 (printing nothing) when there is none. Sourced by ./tunegate and .ci/run.

java_major() { # $1 = java binary
  # the JDK's release file names its version: no JVM start, and no process either (every ./tunegate run asks this)
  local release="${1%/bin/*}/release" line
  if [ -f "$release" ]; then
    while IFS= read -r line || [ -n "$line" ]; do
      case "$line" in
        JAVA_VERSION=\"*)
          line="${line#JAVA_VERSION=\"}"
          line="${line%%[!0-9]*}"
          if [ -n "$line" ]; then echo "$line"; return 0; fi
          ;;
      esac
    done < "$release"
  fi
  "$1" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2; exit}' | cut -d. -f1
}

is_jdk21() { # $1 = a JDK home
  [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ] || return 1
  local v; v=$(java_major "$1/bin/java")
  [ -n "$v" ] && [ "$v" -ge 21 ] 2>/dev/null
}

find_jdk21() {
  if [ -n "${JAVA_HOME:-}" ] && is_jdk21 "$JAVA_HOME"; then echo "$JAVA_HOME"; return 0; fi
  if command -v java >/dev/null 2>&1; then
    # `java` on the PATH is usually a chain of links into a JDK (/usr/bin/java -> /etc/alternatives/java -> …):
    # followed to the end it names the JDK, whose release file says its version without starting a JVM (which
    # costs tens of milliseconds on every run); only a java that is no link into a JDK is asked for its home
    local home="" bin
    bin=$(readlink -f "$(command -v java)" 2>/dev/null) || bin=""
    case "$bin" in */bin/java) [ -f "${bin%/bin/java}/release" ] && home="${bin%/bin/java}" ;; esac
    [ -n "$home" ] || home=$(java -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.home/ {print $2; exit}')
    if [ -n "$home" ] && is_jdk21 "$home"; then echo "$home"; return 0; fi
  fi
  local d
  for d in /usr/lib/jvm/* /opt/java/* /opt/jdk* /usr/java/* "$HOME"/.sdkman/candidates/java/* "$HOME"/.jdks/* /Library/Java/JavaVirtualMachines/*/Contents/Home; do
    [ -d "$d" ] && is_jdk21 "$d" && { echo "$d"; return 0; }
  done
  return 1
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then find_jdk21; fi
