# shellcheck shell=bash
# Finds a JDK for fazt's scripts: 21 or newer, or the major version given as $1 (the server needs 25 for its memory
# flags). Debian 12's default java is 17, too old: we take JAVA_HOME when it is new enough, else the newest JDK under
# /usr/lib/jvm, and say clearly what we need when there is none.

fazt_java_version() { # major version of the java binary $1
  "$1" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2; exit}' | cut -d. -f1
}

fazt_find_java_home() {
  local candidate v best="" best_v=0 min=${1:-21}
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then
    v=$(fazt_java_version "$JAVA_HOME/bin/java")
    if [ "${v:-0}" -ge "$min" ]; then echo "$JAVA_HOME"; return 0; fi
  fi
  for candidate in /usr/lib/jvm/* /opt/java/openjdk; do
    [ -x "$candidate/bin/java" ] || continue
    [ -L "$candidate" ] && continue
    v=$(fazt_java_version "$candidate/bin/java")
    if [ "${v:-0}" -ge "$min" ] && [ "$v" -gt "$best_v" ]; then best=$candidate; best_v=$v; fi
  done
  if [ -n "$best" ]; then echo "$best"; return 0; fi
  echo "fazt: needs a JDK $min or newer (found none in JAVA_HOME or /usr/lib/jvm); install one, e.g. Temurin 25 (apt install temurin-25-jdk from packages.adoptium.net), or set JAVA_HOME to one" >&2
  return 1
}
