#!/usr/bin/env bash
# Replays a GPU contention trace through the real scheduler grain (SQLite and PostgreSQL) under three policies,
# in simulated time (see docs/benchmarks.md, "bench scheduler").
# usage: bench/scheduler/run.sh [--jobs 1000] [--seed 7] [--providers sqlite,postgres] [--queued 1000]
# PostgreSQL: MEDVID_TEST_POSTGRES, default the dev server of `infra/services/postgres.sh start`.
# Human-readable lines first; the LAST line of stdout is one JSON object.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
dotnet build "$HERE/SchedulerBench.csproj" -c Release -nologo -v q >&2
exec dotnet "$HERE/bin/Release/net10.0/MedVid.SchedulerBench.dll" "$@"
