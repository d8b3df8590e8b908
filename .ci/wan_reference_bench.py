#!/usr/bin/env python3
"""Issue 41, item 3: the official Wan 2.1 denoiser's seconds per guided step and peak GPU
memory, with the random weights `kinora-cli init-model` wrote, at the canvas given, so that
`kinora-cli bench` on the same GPU and the same weights has a reference beside it.

The official model.py and attention.py are carried unmodified in .gpu/wan21/wanref (by
`bash .ci/gpu prepare`, from a fetched Wan2.1 repository). The GPU machine has PyTorch and
nothing else: diffusers (which model.py subclasses only for saving and loading) is stood
in for, flash-attn is replaced by PyTorch's fused attention, and the safetensors file is
read here. As the official generate.py runs it: float32 parameters, bfloat16 autocast, the
prompt and the negative prompt as two forward passes a step.

  python3 .ci/wan_reference_bench.py DIT.safetensors --ref .gpu/wan21 \
      --width 832 --height 480 --frames 81 [--steps 2] [--guidance 5]

Prints one JSON line.
"""
import argparse
import json
import struct
import sys
import time
import types

import torch

DTYPES = {"F32": torch.float32, "F16": torch.float16, "BF16": torch.bfloat16}


def read_safetensors(path):
    with open(path, "rb") as f:
        (n,) = struct.unpack("<Q", f.read(8))
        header = json.loads(f.read(n))
        data = f.read()
    out = {}
    for name, meta in header.items():
        if name == "__metadata__":
            continue
        begin, end = meta["data_offsets"]
        t = torch.frombuffer(bytearray(data[begin:end]), dtype=DTYPES[meta["dtype"]])
        out[name] = t.reshape(meta["shape"])
    return out


def stand_in_for_diffusers():
    cfg = types.ModuleType("diffusers.configuration_utils")
    cfg.ConfigMixin = type("ConfigMixin", (), {})
    cfg.register_to_config = lambda f: f
    mod = types.ModuleType("diffusers.models.modeling_utils")
    mod.ModelMixin = torch.nn.Module
    for name, m in [("diffusers", types.ModuleType("diffusers")),
                    ("diffusers.models", types.ModuleType("diffusers.models")),
                    ("diffusers.configuration_utils", cfg),
                    ("diffusers.models.modeling_utils", mod)]:
        sys.modules.setdefault(name, m)


def fused_attention(q, k, v, q_lens=None, k_lens=None, dropout_p=0.0, softmax_scale=None,
                    q_scale=None, causal=False, window_size=(-1, -1), deterministic=False,
                    dtype=torch.bfloat16, version=None):
    """flash_attention's signature; every sequence here is whole, so no lengths to mask."""
    out_dtype = q.dtype
    def half(x):
        return x if x.dtype in (torch.float16, torch.bfloat16) else x.to(dtype)
    q, k, v = (half(x).transpose(1, 2) for x in (q, k, v))
    if q_scale is not None:
        q = q * q_scale
    o = torch.nn.functional.scaled_dot_product_attention(
        q, k, v, dropout_p=dropout_p, is_causal=causal, scale=softmax_scale)
    return o.transpose(1, 2).contiguous().to(out_dtype)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("weights")
    ap.add_argument("--ref", default=".gpu/wan21")
    ap.add_argument("--width", type=int, default=832)
    ap.add_argument("--height", type=int, default=480)
    ap.add_argument("--frames", type=int, default=81)
    ap.add_argument("--steps", type=int, default=2)
    ap.add_argument("--guidance", type=float, default=5.0)
    a = ap.parse_args()

    sys.path.insert(0, a.ref)
    stand_in_for_diffusers()
    import wanref.model as official
    official.flash_attention = fused_attention

    sd = read_safetensors(a.weights)
    dim, in_dim = sd["patch_embedding.weight"].shape[:2]
    layers = 1 + max(int(k.split(".")[1]) for k in sd if k.startswith("blocks."))
    cfg = dict(model_type="t2v", patch_size=(1, 2, 2), text_len=512, in_dim=in_dim, dim=dim,
               ffn_dim=sd["blocks.0.ffn.0.weight"].shape[0],
               freq_dim=sd["time_embedding.0.weight"].shape[1],
               text_dim=sd["text_embedding.0.weight"].shape[1],
               out_dim=sd["head.head.weight"].shape[0] // 4, num_heads=dim // 128,
               num_layers=layers, window_size=(-1, -1), qk_norm=True, cross_attn_norm=True,
               eps=1e-6)
    dev = torch.device("cuda")
    with dev:
        model = official.WanModel(**cfg)
    missing, unexpected = model.load_state_dict(sd, strict=False)
    if missing:
        raise SystemExit(f"weights lack {len(missing)} tensors, e.g. {missing[:3]}")
    del sd
    model.eval().requires_grad_(False)

    t_lat = (a.frames - 1) // 4 + 1
    h, w = a.height // 8, a.width // 8
    seq_len = t_lat * (h // 2) * (w // 2)
    g = torch.Generator(device=dev).manual_seed(1)
    x = torch.randn(in_dim, t_lat, h, w, device=dev, generator=g)
    ctx = torch.randn(512, cfg["text_dim"], device=dev, generator=g)
    neg = torch.randn(512, cfg["text_dim"], device=dev, generator=g)
    t = torch.tensor([999.0], device=dev)

    def step():
        with torch.autocast("cuda", dtype=torch.bfloat16), torch.no_grad():
            cond = model([x], t=t, context=[ctx], seq_len=seq_len)[0]
            if a.guidance == 1.0:
                return cond
            uncond = model([x], t=t, context=[neg], seq_len=seq_len)[0]
            return uncond + a.guidance * (cond - uncond)

    step()  # warm-up
    torch.cuda.synchronize()
    torch.cuda.reset_peak_memory_stats()
    begin = time.perf_counter()
    for _ in range(a.steps):
        out = step()
    torch.cuda.synchronize()
    seconds = (time.perf_counter() - begin) / a.steps
    print(json.dumps({
        "implementation": "official Wan 2.1 model.py (fused attention)",
        "gpu": torch.cuda.get_device_name(), "torch": torch.__version__,
        "width": a.width, "height": a.height, "frames": a.frames, "tokens": seq_len,
        "guidance": a.guidance, "seconds_per_step": seconds,
        "peak_allocated_mb": torch.cuda.max_memory_allocated() / 2**20,
        "peak_reserved_mb": torch.cuda.max_memory_reserved() / 2**20,
        "finite": bool(torch.isfinite(out).all())}))


if __name__ == "__main__":
    main()
