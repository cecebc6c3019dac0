"""Reference statistics for the activation-distribution experiment, from the classic numpy code.

Runs the classic experiment (input np.random.randn(samples, 100), 5 layers of
x <- act(x @ W), W = np.random.randn(100, 100) * scale) many times with independent numpy
seeds, for the four classic initializations and sigmoid, tanh and relu, and records for
every layer the mean over repetitions and the 0.5% and 99.5% quantiles of each statistic the
experiment reports (mean, std, share saturated, share exactly 0). A seeded run of the
experiment is one more draw from the same distribution, so its statistics should fall inside the
[0.5%, 99.5%] band (the test widens it slightly: 1% of runs fall outside by chance, and the
band itself is estimated from a finite number of repetitions).

Run with /usr/bin/python3 (numpy); writes fixtures/activation-distributions.json.
"""

import json
import os

import numpy as np

UNITS = 100
LAYERS = 5
REPETITIONS = 200
MARGIN = 0.01  # saturation margin, as the experiment's default

INITIALIZERS = {
    "normal(std=1)": 1.0,
    "normal(std=0.01)": 0.01,
    "xavierNormal": np.sqrt(1.0 / UNITS),  # glorot normal of a square layer: sqrt(2 / (n + n))
    "heNormal": np.sqrt(2.0 / UNITS),
}

ACTIVATIONS = {
    "sigmoid": (lambda a: 1.0 / (1.0 + np.exp(-a)), (0.0, 1.0)),
    "tanh": (np.tanh, (-1.0, 1.0)),
    "relu": (lambda a: np.maximum(0.0, a), None),
}


def statistics(values, bounds):
    flat = values.ravel()
    saturated = None
    if bounds is not None:
        low, high = bounds
        saturated = float(np.mean((flat < low + MARGIN) | (flat > high - MARGIN)))
    return {
        "mean": float(flat.mean()),
        "std": float(flat.std()),
        "shareSaturated": saturated,
        "shareDead": float(np.mean(flat == 0.0)),
    }


def run(samples, repetitions):
    draws = {}
    for repetition in range(repetitions):
        rng = np.random.default_rng(1000 + repetition)
        x0 = rng.standard_normal((samples, UNITS)).astype(np.float32)
        weights = [rng.standard_normal((UNITS, UNITS)).astype(np.float32) for _ in range(LAYERS)]
        for activation, (function, bounds) in ACTIVATIONS.items():
            for initializer, scale in INITIALIZERS.items():
                x = x0
                for layer in range(LAYERS):
                    x = function(x @ (weights[layer] * np.float32(scale))).astype(np.float32)
                    key = (activation, initializer, layer + 1)
                    draws.setdefault(key, []).append(statistics(x, bounds))
    out = []
    for (activation, initializer, layer), rows in sorted(draws.items()):
        entry = {"activation": activation, "initializer": initializer, "layer": layer}
        for name in ("mean", "std", "shareSaturated", "shareDead"):
            values = [row[name] for row in rows]
            if values[0] is None:
                entry[name] = None
                continue
            values = np.array(values)
            entry[name] = {
                "mean": float(values.mean()),
                "low": float(np.quantile(values, 0.005)),
                "high": float(np.quantile(values, 0.995)),
            }
        out.append(entry)
    return out


def main():
    result = {
        "description": "Statistics of the classic activation-distribution experiment over "
        f"{REPETITIONS} numpy repetitions: mean and [0.5%, 99.5%] quantiles per layer",
        "units": UNITS,
        "layers": LAYERS,
        "margin": MARGIN,
        "repetitions": REPETITIONS,
        "bySamples": {str(samples): run(samples, REPETITIONS) for samples in (500, 1000)},
    }
    here = os.path.dirname(os.path.abspath(__file__))
    path = os.path.join(here, "..", "fixtures", "activation-distributions.json")
    with open(path, "w") as handle:
        json.dump(result, handle, indent=1)
        handle.write("\n")


if __name__ == "__main__":
    main()
