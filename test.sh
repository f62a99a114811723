#!/usr/bin/env bash
# Installs what the tests need and is missing on this Debian machine, then runs every test.
set -euo pipefail
cd "$(dirname "$0")"

need_apt=()
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need_apt+=(postgresql)
command -v runuser >/dev/null 2>&1 || need_apt+=(util-linux)
# Tools written by others that the tests check our formats against.
command -v bzip2 >/dev/null 2>&1 || need_apt+=(bzip2)
command -v zstd >/dev/null 2>&1 || need_apt+=(zstd)
command -v gzip >/dev/null 2>&1 || need_apt+=(gzip)
command -v cph >/dev/null 2>&1 || need_apt+=(conda-package-handling)
command -v node >/dev/null 2>&1 || need_apt+=(nodejs)
command -v npm >/dev/null 2>&1 || need_apt+=(npm)
/usr/bin/python3 -c 'import msgpack, zstandard' >/dev/null 2>&1 || need_apt+=(python3 python3-msgpack python3-zstandard)
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "test.sh: installing ${need_apt[*]} from Debian" >&2
  sudo_cmd=""
  [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null
fi

# The conda client of the end-to-end tests: rattler from npm, pinned by the committed lock file.
[ -f tests/Quetz.EndToEnd.Tests/node/node_modules/@conda-org/rattler/package.json ] \
  || (cd tests/Quetz.EndToEnd.Tests/node && npm ci --no-audit --no-fund --loglevel=error)

dotnet tool restore >/dev/null
dotnet test Quetz.sln -c Release "$@"
