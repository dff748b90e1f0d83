#!/usr/bin/env python3
"""PyTorch twin of the app's default model, buildModel(modelSpecOf(DEFAULT_TRAIN_CONFIG, 64, 3, 0)) in
src/core/model/cnn.ts, trained the way src/core/model/train-loop.ts trains it, for the speed comparison in
bench/train-speed.ts (in the style of ../shared/reference/bench_torch_cnn.py, run with Debian's python3-torch).

Input [B, 1, 201 frames, 64 mels]. Conv branch: SpecMask (training only), then 4 blocks of 3x3 conv (no bias,
16/32/64/64 filters, the first with stride 2 and TensorFlow's 'same' padding), BN, ReLU, 2x2 max pooling;
the stats head (each time step's bands side by side, dropout, per-step dense 64 + ReLU, mean and std over
time). Input-statistics branch on the unmasked input: orthonormal DCT-II to 40 cepstra, mean/std of them and
of their step-to-step change, BN, dense 64 + ReLU. Both concatenated, dropout, dense to 3 logits.
Training: class-weighted softmax cross-entropy, Adam (tfjs's epsilon) with a cosine rate updated every batch,
the input-statistics branch and the classifier in a second parameter group at 10x the rate.

Env: N samples (256), EP epochs (2), BS batch (32), THREADS (2). Prints one JSON line: params (trainable),
params_with_bn_stats (plus BN running statistics: what tfjs's countParams() counts), sec_per_epoch,
predict_ms_b1, predict_ms_b32, threads.
"""
import json
import math
import os
import time

import torch
import torch.nn as nn
import torch.nn.functional as F

# The values buildModel and DEFAULT_TRAIN_CONFIG give (cnn.ts SIZE_PRESETS.default, config.ts, augment-config.ts).
FRAMES, MELS, CLASSES = 201, 64, 3
FILTERS, DENSE, STEM_STRIDE = (16, 32, 64, 64), 64, (2, 2)
DROPOUT, CEPSTRA = 0.3, 40
MASK = dict(time_masks=1, time_mask_max=30, freq_masks=1, freq_mask_max=8)
LEARNING_RATE, STATS_RATE_SCALE = 2e-3, 10
COSINE_WARMUP_EPOCHS, COSINE_FINAL_FRACTION = 1, 0.02
# tfjs's Keras defaults, in PyTorch's terms: BN epsilon 1e-3, momentum 0.9 (PyTorch counts it as 1 - 0.9).
BN = dict(eps=1e-3, momentum=0.1)
ADAM_EPSILON = 1e-7


def same_padding(size, stride, kernel=3):
    """TensorFlow's 'same': ceil(size / stride) outputs, the odd padding pixel at the end (bottom/right)."""
    out = -(-size // stride)
    total = max((out - 1) * stride + kernel - size, 0)
    return out, total // 2, total - total // 2


def he_normal(weight, fan_in):
    # tfjs's heNormal: a normal truncated at two standard deviations, std sqrt(2 / fan_in).
    std = math.sqrt(2 / fan_in)
    nn.init.trunc_normal_(weight, 0.0, std, -2 * std, 2 * std)


def dct_columns(features, coefficients):
    """Orthonormal DCT-II as a [features, coefficients] matrix for x @ D (MFCCs from a log-mel)."""
    i = torch.arange(features, dtype=torch.float64).view(features, 1)
    k = torch.arange(coefficients, dtype=torch.float64).view(1, coefficients)
    d = torch.cos(math.pi * k * (2 * i + 1) / (2 * features)) * math.sqrt(2 / features)
    d[:, 0] = math.sqrt(1 / features)
    return d.float()


def mean_std(x):
    """Mean and std over time (dim 1) of [B, T, F]; the epsilon as in TimeStatsPooling."""
    mean = x.mean(1)
    std = torch.sqrt((x - mean.unsqueeze(1)).square().mean(1) + 1e-5)
    return mean, std


def spec_mask(x, time_masks, time_mask_max, freq_masks, freq_mask_max):
    """SpecMask: per example, masks of random width in [0, max] at a random start, set to 0."""
    b, _, frames, bins = x.shape

    def keep_along(length, masks, max_width):
        keep = torch.ones(b, length)
        pos = torch.arange(length).view(1, length)
        for _ in range(masks):
            width = torch.floor(torch.rand(b, 1) * (min(max_width, length) + 1))
            start = torch.floor(torch.rand(b, 1) * (length + 1 - width))
            keep = keep * ~((pos >= start) & (pos < start + width))
        return keep

    keep_t = keep_along(frames, time_masks, time_mask_max).view(b, 1, frames, 1)
    keep_f = keep_along(bins, freq_masks, freq_mask_max).view(b, 1, 1, bins)
    return x * (keep_t * keep_f)


class DefaultCnn(nn.Module):
    def __init__(self):
        super().__init__()
        blocks = []
        time_steps, freq, channels = FRAMES, MELS, 1
        for i, filters in enumerate(FILTERS):
            layers = []
            if i == 0:
                time_steps, top, bottom = same_padding(time_steps, STEM_STRIDE[0])
                freq, left, right = same_padding(freq, STEM_STRIDE[1])
                # Asymmetric for 64 mels (0 left, 1 right): padded explicitly so the arithmetic is tfjs's.
                layers.append(nn.ZeroPad2d((left, right, top, bottom)))
                conv = nn.Conv2d(channels, filters, 3, stride=STEM_STRIDE, padding=0, bias=False)
            else:
                conv = nn.Conv2d(channels, filters, 3, padding=1, bias=False)
            he_normal(conv.weight, channels * 9)
            layers += [conv, nn.BatchNorm2d(filters, **BN), nn.ReLU()]
            pool_t = 2 if time_steps >= 4 else 1
            pool_f = 2 if freq >= 4 else 1
            if pool_t > 1 or pool_f > 1:
                layers.append(nn.MaxPool2d((pool_t, pool_f)))
                time_steps, freq = time_steps // pool_t, freq // pool_f
            blocks.append(nn.Sequential(*layers))
            channels = filters
        self.blocks = nn.Sequential(*blocks)
        self.out_steps = time_steps
        self.drop_steps = nn.Dropout(DROPOUT)
        self.step_dense = nn.Linear(freq * channels, DENSE)
        cepstra = min(CEPSTRA, MELS)
        self.register_buffer("dct", dct_columns(MELS, cepstra))
        self.input_stats_bn = nn.BatchNorm1d(4 * cepstra, **BN)
        self.input_stats_dense = nn.Linear(4 * cepstra, DENSE)
        self.drop_out = nn.Dropout(DROPOUT)
        self.logits = nn.Linear(2 * DENSE + DENSE, CLASSES)
        for dense in (self.step_dense, self.input_stats_dense):
            he_normal(dense.weight, dense.in_features)
            nn.init.zeros_(dense.bias)
        nn.init.xavier_uniform_(self.logits.weight)
        nn.init.zeros_(self.logits.bias)

    def stats_branch(self):
        """The layers train-loop.ts gives the faster rate (STATS_BRANCH_LAYERS)."""
        return [self.input_stats_bn, self.input_stats_dense, self.logits]

    def forward(self, x):
        c = spec_mask(x, **MASK) if self.training else x
        c = self.blocks(c)
        b, ch, t, f = c.shape
        # tfjs is channels-last: a step is [freq][channel], so the dense layer sees the same order.
        steps = c.permute(0, 2, 3, 1).reshape(b, t, f * ch)
        steps = F.relu(self.step_dense(self.drop_steps(steps)))
        conv_stats = torch.cat(mean_std(steps), 1)
        cep = x[:, 0] @ self.dct
        change = cep[:, 1:] - cep[:, :-1]
        st = torch.cat([*mean_std(cep), *mean_std(change)], 1)
        st = F.relu(self.input_stats_dense(self.input_stats_bn(st)))
        return self.logits(self.drop_out(torch.cat([conv_stats, st], 1)))


def batch_slices(n, batch_size):
    """train-loop.ts batchSlices: batches of nearly equal size, none larger than batch_size."""
    count = max(1, -(-n // batch_size))
    cuts = [(b * n) // count for b in range(count + 1)]
    return [(s, e) for s, e in zip(cuts, cuts[1:]) if e > s]


def cosine_rate(progress, total_epochs):
    """schedules.ts cosineRate with DEFAULT_COSINE."""
    warm = min(COSINE_WARMUP_EPOCHS, max(total_epochs - 1, 0))
    if progress < warm:
        return LEARNING_RATE * (0.1 + 0.9 * (progress / warm))
    t = min(max((progress - warm) / max(total_epochs - warm, 1e-9), 0), 1)
    floor = LEARNING_RATE * COSINE_FINAL_FRACTION
    return floor + 0.5 * (LEARNING_RATE - floor) * (1 + math.cos(math.pi * t))


def count_params(m):
    trainable = sum(p.numel() for p in m.parameters())
    stats = sum(
        mod.running_mean.numel() + mod.running_var.numel()
        for mod in m.modules()
        if isinstance(mod, nn.modules.batchnorm._BatchNorm)
    )
    return trainable, trainable + stats


def main():
    torch.manual_seed(0)
    torch.set_num_threads(int(os.environ.get("THREADS", "2")))
    n = int(os.environ.get("N", 256))
    epochs = int(os.environ.get("EP", 2))
    batch_size = int(os.environ.get("BS", 32))
    m = DefaultCnn()
    fast = {id(p) for layer in m.stats_branch() for p in layer.parameters()}
    groups = [
        {"params": [p for p in m.parameters() if id(p) not in fast], "scale": 1},
        {"params": [p for p in m.parameters() if id(p) in fast], "scale": STATS_RATE_SCALE},
    ]
    opt = torch.optim.Adam(groups, LEARNING_RATE, eps=ADAM_EPSILON)
    x = torch.randn(n, 1, FRAMES, MELS)
    y = torch.randint(0, CLASSES, (n,))
    # experiment.ts classWeights: inverse class frequency, mean 1 over the training clips.
    counts = torch.bincount(y, minlength=CLASSES).float()
    class_w = torch.where(counts > 0, n / (CLASSES * counts), torch.zeros(CLASSES))
    slices = batch_slices(n, batch_size)
    times = []
    for e in range(epochs):
        m.train()
        t0 = time.time()
        perm = torch.randperm(n)
        for b, (s, end) in enumerate(slices):
            lr = cosine_rate(e + b / len(slices), epochs)
            for g in opt.param_groups:
                g["lr"] = lr * g["scale"]
            idx = perm[s:end]
            xb, yb = x[idx], y[idx]
            w = class_w[yb]
            opt.zero_grad()
            out = m(xb)
            # tf.losses.softmaxCrossEntropy's default reduction: weighted sum over the non-zero weights.
            loss = (F.cross_entropy(out, yb, reduction="none") * w).sum() / (w != 0).sum()
            loss.backward()
            opt.step()
            # train-loop.ts reads the loss and the predictions back every step.
            loss.item()
            int((out.argmax(1) == yb).sum())
        times.append(time.time() - t0)
    m.eval()
    pred = {}
    with torch.no_grad():
        for bs in (1, 32):
            xi = torch.randn(bs, 1, FRAMES, MELS)
            for _ in range(3):
                F.softmax(m(xi), 1)
            ts = []
            for _ in range(10):
                s = time.time()
                F.softmax(m(xi), 1)
                ts.append((time.time() - s) * 1000)
            pred[bs] = sorted(ts)[5]
    params, with_stats = count_params(m)
    print(
        json.dumps(
            dict(
                model="default",
                params=params,
                params_with_bn_stats=with_stats,
                sec_per_epoch=times,
                predict_ms_b1=pred[1],
                predict_ms_b32=pred[32],
                threads=torch.get_num_threads(),
            )
        )
    )


if __name__ == "__main__":
    main()
