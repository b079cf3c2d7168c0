"""PyTorch side of the engine benchmark: the same pre-LN transformer trained with AdamW.

Serves commands on stdin so the C# driver can interleave rounds in one run:
  "steps N"  -> runs N training steps, prints "ms <wall ms per step> <process CPU ms per step>"
  "matmul N" -> times N float32 1024x1024 matmuls, prints "gflops <value>"
  "smallop N" -> times N additions of 4-element tensors (per-op overhead), prints "us <value>"
  "quit"
"""
import argparse
import sys
import time

import torch
import torch.nn as nn
import torch.nn.functional as F


class Block(nn.Module):
    def __init__(self, width, heads):
        super().__init__()
        self.ln1 = nn.LayerNorm(width)
        self.attn = nn.MultiheadAttention(width, heads, batch_first=True)
        self.ln2 = nn.LayerNorm(width)
        self.fc1 = nn.Linear(width, 4 * width)
        self.fc2 = nn.Linear(4 * width, width)

    def forward(self, x):
        h = self.ln1(x)
        x = x + self.attn(h, h, h, need_weights=False)[0]
        return x + self.fc2(F.gelu(self.fc1(self.ln2(x))))


class TinyTransformer(nn.Module):
    def __init__(self, depth, width, heads):
        super().__init__()
        self.blocks = nn.ModuleList([Block(width, heads) for _ in range(depth)])
        self.norm = nn.LayerNorm(width)
        self.head = nn.Linear(width, width)

    def forward(self, x):
        for block in self.blocks:
            x = block(x)
        return self.head(self.norm(x))


def main():
    p = argparse.ArgumentParser()
    for name, default in [("blocks", 4), ("width", 256), ("heads", 4), ("seq", 256), ("batch", 8), ("threads", 2)]:
        p.add_argument("--" + name, type=int, default=default)
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(0)
    model = TinyTransformer(a.blocks, a.width, a.heads)
    opt = torch.optim.AdamW(model.parameters(), lr=1e-4)
    x = torch.randn(a.batch, a.seq, a.width)
    y = torch.randn(a.batch, a.seq, a.width)

    def step():
        opt.zero_grad()
        loss = F.mse_loss(model(x), y)
        loss.backward()
        opt.step()
        return loss

    print(f"ready threads={torch.get_num_threads()} torch={torch.__version__}", flush=True)
    for line in sys.stdin:
        cmd = line.split()
        if not cmd or cmd[0] == "quit":
            break
        n = int(cmd[1])
        if cmd[0] == "steps":
            start, cpu = time.perf_counter(), time.process_time()
            for _ in range(n):
                step()
            wall_ms = (time.perf_counter() - start) * 1000 / n
            cpu_ms = (time.process_time() - cpu) * 1000 / n
            print(f"ms {wall_ms:.3f} {cpu_ms:.3f}", flush=True)
        elif cmd[0] == "smallop":
            a_ = torch.ones(4)
            b_ = torch.ones(4)
            start = time.perf_counter()
            for _ in range(n):
                a_ + b_
            print(f"us {(time.perf_counter() - start) * 1e6 / n:.3f}", flush=True)
        elif cmd[0] == "matmul":
            a_ = torch.randn(1024, 1024)
            b_ = torch.randn(1024, 1024)
            torch.mm(a_, b_)
            start = time.perf_counter()
            for _ in range(n):
                torch.mm(a_, b_)
            seconds = time.perf_counter() - start
            print(f"gflops {2 * 1024 ** 3 * n / seconds / 1e9:.2f}", flush=True)


if __name__ == "__main__":
    main()
