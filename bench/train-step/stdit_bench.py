"""PyTorch side of the train-step benchmark: MedVid's SpatialTemporalDit, layer for layer.

The model is bench/gpu/stdit_torch.py's (copied beside this script at build time), which mirrors src/Models/Dit (same
modules, shapes, parameter count and attention kernel), so the timing compares the engine with PyTorch on the same
work. Commands on stdin:
  "steps N" -> runs N training steps, prints "ms <wall ms per step> <process CPU ms per step>"
  "quit"
"""
import argparse
import os
import sys
import time

import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from stdit_torch import SpatialTemporalDit  # noqa: E402


def main():
    p = argparse.ArgumentParser()
    for name, default in [("hidden", 256), ("depth", 4), ("heads", 4), ("text-dim", 256), ("channels", 4), ("batch", 2),
                          ("frames", 8), ("latent", 16), ("text", 32), ("threads", 2)]:
        p.add_argument("--" + name, type=int, default=default)
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(0)
    model = SpatialTemporalDit(a.hidden, a.depth, a.heads, a.text_dim, a.channels, patch=2, mlp_ratio=4.0, frequency_dim=256)
    opt = torch.optim.AdamW(model.parameters(), lr=1e-4)
    x = torch.randn(a.batch, a.channels, a.frames, a.latent, a.latent)
    noise = torch.randn_like(x)
    timesteps = torch.randint(0, 1000, (a.batch,))
    context = torch.randn(a.batch, a.text, a.text_dim)
    mask = torch.tensor([[i < a.text - 4 * b for i in range(a.text)] for b in range(a.batch)])

    def step():
        opt.zero_grad()
        loss = F.mse_loss(model(x, timesteps, context, mask), noise)
        loss.backward()
        opt.step()

    params = sum(p.numel() for p in model.parameters())
    print(f"ready threads={torch.get_num_threads()} params={params} torch={torch.__version__}", flush=True)
    for line in sys.stdin:
        cmd = line.split()
        if not cmd or cmd[0] == "quit":
            break
        if cmd[0] == "steps":
            n = int(cmd[1])
            start, cpu = time.perf_counter(), time.process_time()
            for _ in range(n):
                step()
            print(f"ms {(time.perf_counter() - start) * 1000 / n:.3f} {(time.process_time() - cpu) * 1000 / n:.3f}", flush=True)


if __name__ == "__main__":
    main()
