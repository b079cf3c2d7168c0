#!/usr/bin/env bash
# Downstream gain of augmentation (docs/benchmarks.md, "Augmentation"): a classifier on few real phantoms per class,
# trained on real only, real + the platform's generated videos, and real + as many more real clips, scored on held-out
# real phantoms over several seeds (mean and 95% interval). Tasks: modality (4 classes) and polyp (endoscopy, 2 classes).
# usage: bench/augmentation/run.sh [--real 4] [--extra 16] [--test 16] [--seeds 3] [--vae-steps 1500] [--steps 1000]
#        [--sample-steps 25] [--guidance 4] [--seed 7] [--threads N] [--vae-from DIR] [--keep]
# Progress goes to stderr; the tables to stdout; the LAST line of stdout is one JSON object. Ctrl-C cancels.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
project="$here/../phantoms"
out="$project/bin/run"
dotnet build "$project/PhantomsBench.csproj" -c Release -o "$out" -nologo -v quiet >&2
exec dotnet "$out/MedVid.PhantomsBench.dll" augmentation "$@"
