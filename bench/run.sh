#!/usr/bin/env bash
# Runs the load benchmarks against our server (Release) and the Python quetz 0.9.1 reference in one go, on this
# machine, one after the other, and prints both figures with their ratio. Only ratios from one run mean something.
#
#   bench/run.sh                      # everything (≈10-15 min on 2 vCPUs)
#   BENCH_SIZES=400,10000 bench/run.sh
#   BENCH_SHARD_SIZES=100000,1000000 bench/run.sh   # synthetic subdirs of the shards scenario (ours only: quetz has none)
#   BENCH_MICRO=1 bench/run.sh        # also the BenchmarkDotNet micro benchmarks (short job)
#
# Needs: the .NET 10 SDK, sqlite3 (seeding), wrk (requests/s; else HttpClient is used), and the reference set up
# once with QUETZ_GIT_DIR=<git dir of mamba-org/quetz> shared/reference/quetz-ref/setup.sh.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
ref=${QUETZ_REF_SCRIPTS:-/work/shared/reference/quetz-ref}
ours_port=${BENCH_OURS_PORT:-18400}
ref_port=${BENCH_REF_PORT:-18321}
sizes=${BENCH_SIZES:-400,10000,100000}
ref_sizes=${BENCH_REF_SIZES:-$sizes}
seconds=${BENCH_SECONDS:-5}
# 1M records needs several GiB in the server while it indexes: only where that much is free.
avail_gib=$(awk '/MemAvailable:/{print int($2 / 1048576)}' /proc/meminfo)
shard_sizes=${BENCH_SHARD_SIZES:-$( ((avail_gib >= 16)) && echo 100000,1000000 || echo 100000)}
out=${BENCH_OUT:-$(mktemp -d /tmp/quetz-bench.XXXXXX)}
mkdir -p "$out"

echo "== build (Release)" >&2
dotnet build "$root/src/Quetz.Host" -c Release -v q -nologo >"$out/build.log"
dotnet build "$here/Quetz.Bench.Load" -c Release -v q -nologo >>"$out/build.log"
driver=(dotnet "$here/Quetz.Bench.Load/bin/Release/net10.0/Quetz.Bench.Load.dll")

echo "== machine" >&2
{ echo "cpu: $(nproc) x $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)";
  echo "mem: $(free -g | awk '/Mem:/{print $2}') GiB"; echo "os: $(. /etc/os-release; echo "$PRETTY_NAME")";
  echo "dotnet: $(dotnet --version)"; echo "date: $(date -u +%FT%TZ)"; } | tee "$out/machine.txt" >&2

# ---- ours
deploy="$out/ours"
rm -rf "$deploy"
Logging__Console__FormatterOptions__TimestampFormat="HH:mm:ss.fff " setsid dotnet "$root/src/Quetz.Host/bin/Release/net10.0/quetz.dll" run "$deploy" --dev --port "$ours_port" >"$out/ours.log" 2>&1 &
ours_pid=$!
trap 'kill "$ours_pid" 2>/dev/null || true; "$ref/stop.sh" "$ref_port" >/dev/null 2>&1 || true' EXIT
for _ in $(seq 120); do
  grep -q 'Test API key created for user "alice"' "$out/ours.log" 2>/dev/null && curl -sf "http://127.0.0.1:$ours_port/api/channels" >/dev/null && break
  sleep 0.5
done
ours_key=$(grep -o 'Test API key created for user "alice": .*' "$out/ours.log" | awk '{print $NF}')
echo "== ours: pid $ours_pid, http://127.0.0.1:$ours_port" >&2
"${driver[@]}" --url "http://127.0.0.1:$ours_port" --key "$ours_key" --sizes "$sizes" --shard-sizes "$shard_sizes" --seconds "$seconds" \
  --db "$deploy/quetz.sqlite" --schema ours --pid "$ours_pid" --tag o | tee "$out/ours.txt"
kill "$ours_pid"; wait "$ours_pid" 2>/dev/null || true

# ---- the Python reference
echo "== quetz 0.9.1 (Python)" >&2
ref_key=$(QUETZ_REF_FRESH=1 QUETZ_REF_LOGLEVEL=warning "$ref/start.sh" "$ref_port")
ref_home=${QUETZ_REF_HOME:-${XDG_CACHE_HOME:-$HOME/.cache}/quetz-ref}
ref_pid=$(cat "$ref_home/deploy-$ref_port/server.pid")
ref_pids=$(ps -o pid= -g "$ref_pid" | xargs | tr ' ' ',')
"${driver[@]}" --url "http://127.0.0.1:$ref_port" --key "$ref_key" --sizes "$ref_sizes" --seconds "$seconds" \
  --db "$ref_home/deploy-$ref_port/quetz.sqlite" --schema quetz --pid "$ref_pids" --tag r | tee "$out/ref.txt"
"$ref/stop.sh" "$ref_port" >/dev/null

# ---- table
{
  echo
  echo "| figure | ours | quetz 0.9.1 | ours vs quetz |"
  echo "| --- | ---: | ---: | ---: |"
  awk '
    FNR == NR && $1 == "FIGURE" { o[$2] = $3; u[$2] = $4; order[++n] = $2; next }
    $1 == "FIGURE" { r[$2] = $3; if (!($2 in o)) { u[$2] = $4; order[++n] = $2 } }
    END {
      for (i = 1; i <= n; i++) {
        k = order[i]; unit = u[k]
        lower = (unit == "ms" || unit == "MiB" || unit == "bytes" || unit == "%")   # smaller is better
        if ((k in o) && (k in r) && o[k] > 0 && r[k] > 0) {
          f = lower ? r[k] / o[k] : o[k] / r[k]
          ratio = sprintf("%.1f× %s", f, f >= 1 ? "better" : "worse")
          if (f < 1) ratio = sprintf("%.2f× (%.1f× worse)", f, 1 / f)
        } else ratio = "n/a"
        printf "| %s (%s) | %s | %s | %s |\n", k, unit, (k in o) ? o[k] : "—", (k in r) ? r[k] : "—", ratio
      }
    }' "$out/ours.txt" "$out/ref.txt"
} | tee "$out/table.md"
echo "results in $out" >&2

if [[ "${BENCH_MICRO:-0}" == 1 ]]; then
  echo "== micro benchmarks" >&2
  (cd "$here/Quetz.Bench.Micro" && dotnet run -c Release -- --filter '*' --job short --artifacts "$out/micro") | tee "$out/micro.txt"
fi
