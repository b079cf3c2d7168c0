#!/usr/bin/env bash
# Grain calls per second on SQLite and PostgreSQL (see docs/benchmarks-grains.md).
# usage: bench/grains/run.sh [--seconds 4] [--warmup 1] [--callers 64] [--ids 1000] [--providers sqlite,postgres]
# PostgreSQL: MEDVID_TEST_POSTGRES, default the dev server of `infra/services/postgres.sh start`; the bench creates
# and drops its own database. Human-readable lines first; the LAST line of stdout is one JSON object.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
dotnet build "$HERE/GrainsBench.csproj" -c Release -nologo -v q >&2
exec dotnet "$HERE/bin/Release/net10.0/MedVid.GrainsBench.dll" "$@"
