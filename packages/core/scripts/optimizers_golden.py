"""Golden values for @fanin/core's optimizers, from PyTorch.

Runs each torch.optim optimizer for 5 steps on a fixed least-squares problem,
loss = mean((x @ w + b - y) ** 2), and records the loss before each step and the
parameters after it. Writes fixtures/optimizers.json.

Run from packages/core with /usr/bin/python3 (torch 1.13): /usr/bin/python3 scripts/optimizers_golden.py
"""

import json
import os

import numpy as np
import torch

torch.set_default_dtype(torch.float32)
rng = np.random.default_rng(20240601)
X = rng.normal(size=(6, 3)).astype(np.float32)
Y = rng.normal(size=(6, 2)).astype(np.float32)
W0 = rng.normal(scale=0.5, size=(3, 2)).astype(np.float32)
B0 = rng.normal(scale=0.5, size=(2,)).astype(np.float32)

STEPS = 5

# (case name, fanin optimizer, fanin options, torch constructor, torch kwargs)
CASES = [
    ("sgd", "sgd", {"learningRate": 0.1}, torch.optim.SGD, {"lr": 0.1}),
    ("sgd weightDecay", "sgd", {"learningRate": 0.1, "weightDecay": 0.05}, torch.optim.SGD, {"lr": 0.1, "weight_decay": 0.05}),
    ("momentum", "momentum", {"learningRate": 0.05, "momentum": 0.9}, torch.optim.SGD, {"lr": 0.05, "momentum": 0.9}),
    ("momentum weightDecay", "momentum", {"learningRate": 0.05, "momentum": 0.5, "weightDecay": 0.1}, torch.optim.SGD, {"lr": 0.05, "momentum": 0.5, "weight_decay": 0.1}),
    ("nesterov", "nesterov", {"learningRate": 0.05, "momentum": 0.9}, torch.optim.SGD, {"lr": 0.05, "momentum": 0.9, "nesterov": True}),
    ("nesterov weightDecay", "nesterov", {"learningRate": 0.05, "momentum": 0.8, "weightDecay": 0.1}, torch.optim.SGD, {"lr": 0.05, "momentum": 0.8, "nesterov": True, "weight_decay": 0.1}),
    ("adagrad", "adagrad", {"learningRate": 0.1}, torch.optim.Adagrad, {"lr": 0.1}),
    ("adagrad all options", "adagrad", {"learningRate": 0.1, "learningRateDecay": 0.05, "initialAccumulatorValue": 0.1, "epsilon": 1e-6, "weightDecay": 0.1}, torch.optim.Adagrad, {"lr": 0.1, "lr_decay": 0.05, "initial_accumulator_value": 0.1, "eps": 1e-6, "weight_decay": 0.1}),
    ("rmsprop", "rmsprop", {}, torch.optim.RMSprop, {}),
    ("rmsprop rho 0.9", "rmsprop", {"learningRate": 0.001, "rho": 0.9}, torch.optim.RMSprop, {"lr": 0.001, "alpha": 0.9}),
    ("rmsprop centered momentum weightDecay", "rmsprop", {"learningRate": 0.01, "rho": 0.9, "momentum": 0.5, "centered": True, "weightDecay": 0.1}, torch.optim.RMSprop, {"lr": 0.01, "alpha": 0.9, "momentum": 0.5, "centered": True, "weight_decay": 0.1}),
    ("adam", "adam", {"learningRate": 0.1}, torch.optim.Adam, {"lr": 0.1}),
    ("adam defaults", "adam", {}, torch.optim.Adam, {}),
    ("adam weightDecay amsgrad", "adam", {"learningRate": 0.05, "beta1": 0.8, "beta2": 0.99, "weightDecay": 0.1, "amsgrad": True}, torch.optim.Adam, {"lr": 0.05, "betas": (0.8, 0.99), "weight_decay": 0.1, "amsgrad": True}),
    ("adamw", "adamw", {"learningRate": 0.1, "weightDecay": 0.1}, torch.optim.AdamW, {"lr": 0.1, "weight_decay": 0.1}),
    ("adamw defaults", "adamw", {}, torch.optim.AdamW, {}),
]


def floats(array):
    return np.asarray(array, dtype=np.float32).astype(np.float64).tolist()


def run(constructor, kwargs):
    w = torch.tensor(W0, requires_grad=True)
    b = torch.tensor(B0, requires_grad=True)
    x = torch.tensor(X)
    y = torch.tensor(Y)
    optimizer = constructor([w, b], **kwargs)
    steps = []
    for _ in range(STEPS):
        optimizer.zero_grad()
        loss = ((x @ w + b - y) ** 2).mean()
        loss.backward()
        optimizer.step()
        steps.append({"loss": float(loss.item()), "w": floats(w.detach().numpy()), "b": floats(b.detach().numpy())})
    return steps


def describe(constructor, kwargs):
    args = ", ".join(f"{key}={value!r}" for key, value in kwargs.items())
    return f"torch.optim.{constructor.__name__}({args})"


cases = [
    {"name": name, "optimizer": optimizer, "options": options, "torch": describe(constructor, kwargs), "steps": run(constructor, kwargs)}
    for name, optimizer, options, constructor, kwargs in CASES
]

fixture = {
    "generator": "scripts/optimizers_golden.py",
    "torch": torch.__version__,
    "problem": "loss = mean((x @ w + b - y) ** 2); parameters w, b; records loss before and parameters after each step",
    "x": floats(X),
    "y": floats(Y),
    "w": floats(W0),
    "b": floats(B0),
    "cases": cases,
}

out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "fixtures", "optimizers.json")
with open(out, "w") as handle:
    json.dump(fixture, handle, indent=1)
    handle.write("\n")
print(f"wrote {os.path.normpath(out)}: {len(cases)} cases x {STEPS} steps")
