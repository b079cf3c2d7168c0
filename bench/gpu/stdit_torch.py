"""PyTorch side of bench/gpu: MedVid's SpatialTemporalDit (src/Models/Dit), module for module, and its training step.

Same modules, parameter names, shapes and parameter count as the C# model (the bench compares the counts and fails
on a mismatch), the same initialisation recipe, and the same step: epsilon MSE in float32 and AdamW (lr 1e-4, weight
decay 0.01) on float32 master weights; in bf16 the model runs on a bf16 copy of the masters, refreshed every step, whose
gradients are handed to the masters as float32 (TorchSharp has no autocast, so both engines use this scheme).
Runs on PyTorch 1.13 (Debian's, the CPU smoke run) and 2.x. Prints one JSON line.
"""
import argparse
import copy
import json
import math
import time

import torch
import torch.nn as nn
import torch.nn.functional as F


def attention(q, k, v, mask):
    """Masked scaled-dot-product attention (mask: True = attend), PyTorch's fused kernel where it has one."""
    if hasattr(F, "scaled_dot_product_attention"):
        return F.scaled_dot_product_attention(q, k, v, attn_mask=mask)
    return F._scaled_dot_product_attention(q, k, v, mask, 0.0, False, False)[0]  # PyTorch 1.13


def split_heads(x, heads):
    n, s, c = x.shape
    return x.view(n, s, heads, c // heads).transpose(1, 2)


def merge_heads(y, width):
    n, _, s, _ = y.shape
    return y.transpose(1, 2).reshape(n, s, width)


def table_1d(positions, dim):
    """[positions, dim]: sin(p·w_k) then cos(p·w_k), w_k = 10000^(-k/(dim/2)), computed in float64 as SinCosEmbedding does."""
    half = dim // 2
    omega = 1.0 / 10000 ** (torch.arange(half, dtype=torch.float64) / half)
    angles = torch.arange(positions, dtype=torch.float64)[:, None] * omega[None]
    return torch.cat([angles.sin(), angles.cos()], 1).float()


def table_spatial(rows, cols, dim):
    """[rows·cols, dim]: the first half encodes the column, the second the row."""
    by_col, by_row = table_1d(cols, dim // 2), table_1d(rows, dim // 2)
    return torch.cat([by_col.repeat(rows, 1), by_row.repeat_interleave(cols, 0)], 1)


def modulate(x, shift, scale):
    return x * (scale + 1) + shift


class Mlp(nn.Module):
    def __init__(self, inp, hidden, out):
        super().__init__()
        self.fc1, self.fc2 = nn.Linear(inp, hidden), nn.Linear(hidden, out)

    def forward(self, x):
        return self.fc2(F.gelu(self.fc1(x), approximate="tanh"))


class SelfAttention(nn.Module):
    def __init__(self, width, heads):
        super().__init__()
        self.heads = heads
        self.qkv, self.proj = nn.Linear(width, 3 * width), nn.Linear(width, width)

    def forward(self, x):
        q, k, v = (split_heads(t, self.heads) for t in self.qkv(x).chunk(3, -1))
        return self.proj(merge_heads(attention(q, k, v, None), x.shape[2]))


class CrossAttention(nn.Module):
    def __init__(self, width, heads):
        super().__init__()
        self.heads = heads
        self.q, self.kv, self.proj = nn.Linear(width, width), nn.Linear(width, 2 * width), nn.Linear(width, width)

    def forward(self, x, context, mask):
        b, length, _ = context.shape
        q = split_heads(self.q(x), self.heads)
        k, v = (split_heads(t, self.heads) for t in self.kv(context).chunk(2, -1))
        return self.proj(merge_heads(attention(q, k, v, mask.view(b, 1, 1, length)), x.shape[2]))


class DitBlock(nn.Module):
    def __init__(self, hidden, heads, mlp_hidden):
        super().__init__()
        self.hidden = hidden
        self.norm1 = nn.LayerNorm(hidden, eps=1e-6, elementwise_affine=False)
        self.attn, self.attn_temp = SelfAttention(hidden, heads), SelfAttention(hidden, heads)
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
        x = x + gate_msa * self.attn_temp(by_position).view(b, s, frames, c).transpose(1, 2).reshape(b, n, c)
        x = x + self.cross_attn(x, context, mask)
        return x + gate_mlp * self.mlp(modulate(self.norm2(x), shift_mlp, scale_mlp))


class PatchEmbed(nn.Module):
    def __init__(self, channels, hidden, patch):
        super().__init__()
        self.proj = nn.Conv3d(channels, hidden, (1, patch, patch), (1, patch, patch))

    def forward(self, x):
        y = self.proj(x)
        b, c = y.shape[:2]
        return y.flatten(2).transpose(1, 2).reshape(b, -1, c)


class TimestepEmbedder(nn.Module):
    def __init__(self, hidden, frequency_dim):
        super().__init__()
        self.frequency_dim = frequency_dim
        self.fc1, self.fc2 = nn.Linear(frequency_dim, hidden), nn.Linear(hidden, hidden)

    def forward(self, t):
        half = self.frequency_dim // 2
        omega = torch.exp(-math.log(10000) * torch.arange(half, dtype=torch.float64) / half).float().to(t.device)
        args = t.float()[:, None] * omega[None]
        features = torch.cat([args.cos(), args.sin()], 1).to(self.fc1.weight.dtype)
        return self.fc2(F.silu(self.fc1(features)))


class FinalLayer(nn.Module):
    def __init__(self, hidden, out):
        super().__init__()
        self.norm_final = nn.LayerNorm(hidden, eps=1e-6, elementwise_affine=False)
        self.linear = nn.Linear(hidden, out)
        self.scale_shift_table = nn.Parameter(torch.randn(2, hidden) / math.sqrt(hidden))

    def forward(self, x, t):
        shift, scale = (self.scale_shift_table[None] + t[:, None]).chunk(2, 1)
        return self.linear(modulate(self.norm_final(x), shift, scale))


class SpatialTemporalDit(nn.Module):
    def __init__(self, hidden, depth, heads, text_dim, channels, patch, mlp_ratio, frequency_dim):
        super().__init__()
        self.hidden, self.channels, self.patch = hidden, channels, patch
        self.x_embedder = PatchEmbed(channels, hidden, patch)
        self.t_embedder = TimestepEmbedder(hidden, frequency_dim)
        self.t_block = nn.Linear(hidden, 6 * hidden)
        self.caption_projection = Mlp(text_dim, hidden, hidden)
        self.blocks = nn.ModuleList([DitBlock(hidden, heads, int(hidden * mlp_ratio)) for _ in range(depth)])
        self.final_layer = FinalLayer(hidden, patch * patch * channels)
        self.initialize()

    def initialize(self):
        """PixArt-alpha / Open-Sora, as SpatialTemporalDit.InitializeWeights."""
        for block in self.blocks:
            for layer in (block.attn.qkv, block.attn.proj, block.attn_temp.qkv, block.cross_attn.q, block.cross_attn.kv,
                          block.mlp.fc1, block.mlp.fc2):
                nn.init.xavier_uniform_(layer.weight)
                nn.init.zeros_(layer.bias)
            for layer in (block.attn_temp.proj, block.cross_attn.proj):
                nn.init.zeros_(layer.weight)
                nn.init.zeros_(layer.bias)
        proj = self.x_embedder.proj
        nn.init.xavier_uniform_(proj.weight.view(proj.weight.shape[0], -1))
        nn.init.zeros_(proj.bias)
        for layer in (self.t_embedder.fc1, self.t_embedder.fc2, self.t_block, self.caption_projection.fc1, self.caption_projection.fc2):
            nn.init.normal_(layer.weight, std=0.02)
        nn.init.zeros_(self.t_block.bias)
        nn.init.zeros_(self.final_layer.linear.weight)
        nn.init.zeros_(self.final_layer.linear.bias)

    def forward(self, x, timesteps, context, mask):
        b, c, frames, height, width = x.shape
        rows, cols = height // self.patch, width // self.patch
        tokens = self.x_embedder(x).view(b, frames, rows * cols, self.hidden)
        spatial = table_spatial(rows, cols, self.hidden).to(x.device).to(x.dtype)
        temporal = table_1d(frames, self.hidden).to(x.device).to(x.dtype)
        h = (tokens + spatial[None] + temporal[:, None]).view(b, frames * rows * cols, self.hidden)
        t = self.t_embedder(timesteps)
        modulation = self.t_block(F.silu(t))
        text = self.caption_projection(context)
        for block in self.blocks:
            h = block(h, modulation, text, mask, frames)
        patches = self.final_layer(h, t)
        p = self.patch
        return (patches.view(b, frames, rows, cols, 1, p, p, c)
                .permute(0, 7, 1, 4, 2, 5, 3, 6).reshape(b, c, frames, height, width))


class TrainingStep:
    """Float32 masters with AdamW; in bf16 a bf16 copy runs forward and backward (see the module docstring)."""

    def __init__(self, a, device, dtype):
        self.master = SpatialTemporalDit(a.hidden, a.depth, a.heads, a.text_dim, a.channels, a.patch, a.mlp_ratio,
                                         a.frequency_dim).to(device)
        self.compute = copy.deepcopy(self.master).to(dtype) if dtype != torch.float32 else None
        self.optimizer = torch.optim.AdamW(self.master.parameters(), lr=1e-4, weight_decay=0.01)
        shape = (a.batch, a.channels, a.frames, a.latent, a.latent)
        self.latents = torch.randn(shape).to(device, dtype)
        self.noise = torch.randn(shape).to(device)
        self.timesteps = torch.randint(0, 1000, (a.batch,)).to(device)
        self.context = torch.randn(a.batch, a.text, a.text_dim).to(device, dtype)
        # Later samples have padded caption tails (every sample keeps at least one token), as in the C# step.
        self.mask = torch.tensor([[i < max(1, a.text - 4 * b) for i in range(a.text)] for b in range(a.batch)]).to(device)

    def step(self):
        model = self.compute if self.compute is not None else self.master
        model.zero_grad(set_to_none=True)
        if self.compute is not None:
            with torch.no_grad():
                for copy_, weight in zip(self.compute.parameters(), self.master.parameters()):
                    copy_.copy_(weight)
        loss = F.mse_loss(model(self.latents, self.timesteps, self.context, self.mask).float(), self.noise)
        loss.backward()
        if self.compute is not None:
            for copy_, weight in zip(self.compute.parameters(), self.master.parameters()):
                weight.grad = copy_.grad.float()
                copy_.grad = None
        self.optimizer.step()
        return loss.detach()


def main():
    p = argparse.ArgumentParser()
    for name in ["hidden", "depth", "heads", "text-dim", "channels", "patch", "frequency-dim", "batch", "frames", "latent",
                 "text", "warmup", "steps", "threads"]:
        p.add_argument("--" + name, type=int, required=True)
    p.add_argument("--mlp-ratio", type=float, required=True)
    p.add_argument("--device", choices=["cuda", "cpu"], required=True)
    p.add_argument("--dtype", choices=["bf16", "float32"], required=True)
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(0)
    device = torch.device(a.device)
    step = TrainingStep(a, device, torch.bfloat16 if a.dtype == "bf16" else torch.float32)

    def synchronize():
        if device.type == "cuda":
            torch.cuda.synchronize()

    for _ in range(a.warmup):
        step.step()
    synchronize()
    start = time.perf_counter()
    for _ in range(a.steps):
        loss = step.step()
    synchronize()
    ms = (time.perf_counter() - start) * 1000 / a.steps
    print(json.dumps({"engine": "pytorch", "torch": torch.__version__, "params": sum(t.numel() for t in step.master.parameters()),
                      "ms_per_step": ms, "loss": loss.item(), "threads": torch.get_num_threads()}))


if __name__ == "__main__":
    main()
