#!/usr/bin/env bash
# Prompt adherence of a text-conditioned model on synthetic phantoms (see docs/benchmarks-phantoms.md).
# usage: bench/phantoms/run.sh [--minutes 30] [--steps N] [--vae-steps N] [--size mini-4x|tiny-4x|tiny|small] [--frames 16] [--fps 12]
#        [--resolution 64] [--clips 96] [--prompts 4] [--batch 4] [--vae-batch 2] [--lr 5e-4] [--vae-lr 1e-3] [--vae-ffl 0] [--seed 7] [--vae-share 0.5] [--vae-max-steps 0] [--guidance 4] [--sample-steps 25] [--threads N] [--side-by-side 0|1] [--keep]
#        ablations: [--pooled-text 0|1] [--number-values 0|1] [--caption-dropout P] [--loss-weight-cap C] [--v-prediction 0|1] [--zero-terminal-snr 0|1]
#        [--frame-noise-share S] [--timestep-logit-std S] [--motion-loss-weight W] [--value-grid 0|1] [--unnamed-absence 0|1] [--guidance-rescale PHI] [--guidance-parallel ETA] [--guidance-interval FROM,TO]
#        [--spacing leading|trailing] [--vae-from DIR] [--conditional-from DIR (with --vae-from: sample only)] [--skip-unconditional]
# Builds in Release, renders a captioned training set, trains a VAE, then a conditional and an unconditional model of
# the same size side by side (one thread each) for the same time, generates for held-out prompts and scores them with the phantom estimators. Progress goes to
# stderr; human-readable tables to stdout; the LAST line of stdout is one JSON object. Ctrl-C cancels.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
out="$here/bin/run"
dotnet build "$here/PhantomsBench.csproj" -c Release -o "$out" -nologo -v quiet >&2
exec dotnet "$out/MedVid.PhantomsBench.dll" "$@"
