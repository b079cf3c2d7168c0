"""PyTorch side of the train-step benchmark: MedVid's SpatialTemporalDit, layer for layer.

The model mirrors src/Models/Dit (same modules, shapes, parameter count and attention kernel),
so the timing compares the engine with PyTorch on the same work. Commands on stdin:
  "steps N" -> runs N training steps, prints "ms <wall ms per step> <process CPU ms per step>"
  "quit"
"""
import argparse
import math
import sys
import time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F


def sincos_1d(positions, dim):
    half = dim // 2
    omega = 1.0 / 10000 ** (np.arange(half, dtype=np.float64) / half)
    angles = np.arange(positions, dtype=np.float64)[:, None] * omega[None]
    return np.concatenate([np.sin(angles), np.cos(angles)], axis=1)


def sincos_spatial(rows, cols, dim):
    by_col = sincos_1d(cols, dim // 2)
    by_row = sincos_1d(rows, dim // 2)
    table = np.concatenate([np.tile(by_col, (rows, 1)), np.repeat(by_row, cols, axis=0)], axis=1)
    return torch.from_numpy(table.astype(np.float32))


def attention(q, k, v, mask):
    return F._scaled_dot_product_attention(q, k, v, mask, 0.0, False, False)[0]


def split_heads(x, heads):
    n, s, c = x.shape
    return x.view(n, s, heads, c // heads).transpose(1, 2)


def merge_heads(y, width):
    n, _, s, _ = y.shape
    return y.transpose(1, 2).reshape(n, s, width)


class SelfAttention(nn.Module):
    def __init__(self, width, heads):
        super().__init__()
        self.heads = heads
        self.qkv = nn.Linear(width, 3 * width)
        self.proj = nn.Linear(width, width)

    def forward(self, x, key_mask=None):
        n, s, c = x.shape
        q, k, v = (split_heads(t, self.heads) for t in self.qkv(x).chunk(3, -1))
        mask = None if key_mask is None else key_mask.view(n, 1, 1, s)
        return self.proj(merge_heads(attention(q, k, v, mask), c))


class CrossAttention(nn.Module):
    def __init__(self, width, heads):
        super().__init__()
        self.heads = heads
        self.q = nn.Linear(width, width)
        self.kv = nn.Linear(width, 2 * width)
        self.proj = nn.Linear(width, width)

    def forward(self, x, context, mask):
        b, l, _ = context.shape
        q = split_heads(self.q(x), self.heads)
        k, v = (split_heads(t, self.heads) for t in self.kv(context).chunk(2, -1))
        return self.proj(merge_heads(attention(q, k, v, mask.view(b, 1, 1, l)), x.shape[2]))


class Mlp(nn.Module):
    def __init__(self, inp, hidden, out):
        super().__init__()
        self.fc1 = nn.Linear(inp, hidden)
        self.fc2 = nn.Linear(hidden, out)

    def forward(self, x):
        return self.fc2(F.gelu(self.fc1(x), approximate="tanh"))


def modulate(x, shift, scale):
    return x * (scale + 1) + shift


class Block(nn.Module):
    def __init__(self, hidden, heads, mlp_hidden):
        super().__init__()
        self.hidden = hidden
        self.norm1 = nn.LayerNorm(hidden, eps=1e-6, elementwise_affine=False)
        self.attn = SelfAttention(hidden, heads)
        self.attn_temp = SelfAttention(hidden, heads)
        self.cross_attn = CrossAttention(hidden, heads)
        self.norm2 = nn.LayerNorm(hidden, eps=1e-6, elementwise_affine=False)
        self.mlp = Mlp(hidden, mlp_hidden, hidden)
        self.scale_shift_table = nn.Parameter(torch.randn(6, hidden) / math.sqrt(hidden))

    def forward(self, x, modulation, context, mask, frames):
        b, n, c = x.shape
        s = n // frames
        shift_msa, scale_msa, gate_msa, shift_mlp, scale_mlp, gate_mlp = (
            self.scale_shift_table[None] + modulation.view(b, 6, c)).chunk(6, 1)
        h = modulate(self.norm1(x), shift_msa, scale_msa)
        x = x + gate_msa * self.attn(h.view(b * frames, s, c)).view(b, n, c)
        by_position = x.view(b, frames, s, c).transpose(1, 2).reshape(b * s, frames, c)
        temporal = self.attn_temp(by_position).view(b, s, frames, c).transpose(1, 2).reshape(b, n, c)
        x = x + gate_msa * temporal
        x = x + self.cross_attn(x, context, mask)
        return x + gate_mlp * self.mlp(modulate(self.norm2(x), shift_mlp, scale_mlp))


class SpatialTemporalDit(nn.Module):
    def __init__(self, hidden, depth, heads, text_dim, channels, frequency_dim=256):
        super().__init__()
        self.hidden, self.channels, self.frequency_dim = hidden, channels, frequency_dim
        self.patch = nn.Conv3d(channels, hidden, (1, 2, 2), (1, 2, 2))
        self.t_fc1 = nn.Linear(frequency_dim, hidden)
        self.t_fc2 = nn.Linear(hidden, hidden)
        self.t_block = nn.Linear(hidden, 6 * hidden)
        self.caption_projection = Mlp(text_dim, hidden, hidden)
        self.blocks = nn.ModuleList([Block(hidden, heads, 4 * hidden) for _ in range(depth)])
        self.norm_final = nn.LayerNorm(hidden, eps=1e-6, elementwise_affine=False)
        self.final_linear = nn.Linear(hidden, 4 * channels)
        self.final_table = nn.Parameter(torch.randn(2, hidden) / math.sqrt(hidden))
        for block in self.blocks:
            for layer in (block.attn_temp.proj, block.cross_attn.proj):
                nn.init.zeros_(layer.weight)
                nn.init.zeros_(layer.bias)
        nn.init.zeros_(self.final_linear.weight)
        nn.init.zeros_(self.final_linear.bias)

    def timestep_features(self, t):
        half = self.frequency_dim // 2
        omega = torch.exp(-math.log(10000) * torch.arange(half, dtype=torch.float32) / half)
        args = t.float()[:, None] * omega[None]
        return torch.cat([args.cos(), args.sin()], 1)

    def forward(self, x, timesteps, context, mask):
        b, c, frames, height, width = x.shape
        rows, cols = height // 2, width // 2
        tokens = self.patch(x).flatten(2).transpose(1, 2).reshape(b, frames, rows * cols, self.hidden)
        spatial = sincos_spatial(rows, cols, self.hidden)
        temporal = torch.from_numpy(sincos_1d(frames, self.hidden).astype(np.float32))
        h = (tokens + spatial[None] + temporal[:, None]).view(b, frames * rows * cols, self.hidden)
        t = self.t_fc2(F.silu(self.t_fc1(self.timestep_features(timesteps))))
        modulation = self.t_block(F.silu(t))
        text = self.caption_projection(context)
        for block in self.blocks:
            h = block(h, modulation, text, mask, frames)
        shift, scale = (self.final_table[None] + t[:, None]).chunk(2, 1)
        patches = self.final_linear(modulate(self.norm_final(h), shift, scale))
        return (patches.view(b, frames, rows, cols, 1, 2, 2, c)
                .permute(0, 7, 1, 4, 2, 5, 3, 6).reshape(b, c, frames, height, width))


def main():
    p = argparse.ArgumentParser()
    for name, default in [("hidden", 256), ("depth", 4), ("heads", 4), ("text-dim", 256), ("channels", 4), ("batch", 2),
                          ("frames", 8), ("latent", 16), ("text", 32), ("threads", 2)]:
        p.add_argument("--" + name, type=int, default=default)
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(0)
    model = SpatialTemporalDit(a.hidden, a.depth, a.heads, a.text_dim, a.channels)
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
