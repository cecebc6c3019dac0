"""Golden values for @fanin/core's losses and accuracy, from PyTorch.

For each case records the loss value and its gradient with respect to the predictions.
Writes fixtures/losses.json. Run from packages/core with /usr/bin/python3 (torch 1.13):
/usr/bin/python3 scripts/losses_golden.py
"""

import json
import os

import numpy as np
import torch
import torch.nn.functional as F

rng = np.random.default_rng(7)


def floats(array):
    return np.asarray(array, dtype=np.float32).astype(np.float64).tolist()


def record(loss, options, predictions, targets, target_dtype, fn, with_gradient=True, note=""):
    z = torch.tensor(np.asarray(predictions, dtype=np.float32), requires_grad=True)
    t = torch.tensor(np.asarray(targets, dtype=np.int64 if target_dtype == "int32" else np.float32))
    value = fn(z, t)
    gradient = None
    if with_gradient:
        value.backward()
        gradient = floats(z.grad.numpy())
    return {
        "loss": loss,
        "options": options,
        "note": note,
        "predictions": floats(predictions),
        "targets": np.asarray(targets).astype(np.int64).tolist() if target_dtype == "int32" else floats(targets),
        "targetDtype": target_dtype,
        "value": float(value.item()),
        "gradient": gradient,
    }


def cross_entropy(label_smoothing=0.0):
    def fn(z, t):
        # fanin keeps classes on the last axis; PyTorch wants them on axis 1.
        logits = z if z.dim() == 2 else z.movedim(-1, 1)
        target = t if t.dtype == torch.int64 or t.dim() == 1 or z.dim() == 2 else t.movedim(-1, 1)
        return F.cross_entropy(logits, target, label_smoothing=label_smoothing)

    return fn


logits = (rng.normal(size=(4, 5)) * 2).astype(np.float32)
indices = np.array([0, 3, 4, 1])
one_hot = np.eye(5, dtype=np.float32)[indices]
soft = rng.random(size=(4, 5)).astype(np.float32)
soft = soft / soft.sum(axis=1, keepdims=True)
large = np.array([[1e4, 0, -1e4], [-1e4, 1e4, 0], [0, 0, 1e4], [5e3, 5e3, -1e4]], dtype=np.float32)
large_targets = np.array([0, 2, 1, 1])
rank3 = rng.normal(size=(2, 3, 4)).astype(np.float32)
rank3_targets = rng.integers(0, 4, size=(2, 3))

bce_logits = (rng.normal(size=(6, 1)) * 3).astype(np.float32)
bce_targets = rng.integers(0, 2, size=(6, 1)).astype(np.float32)
bce_soft = rng.random(size=(6, 1)).astype(np.float32)
bce_large = np.array([[1e4], [-1e4], [1e4], [-1e4], [20], [-20], [0]], dtype=np.float32)
bce_large_targets = np.array([[1], [0], [0], [1], [1], [0], [1]], dtype=np.float32)
probabilities = rng.uniform(0.05, 0.95, size=(3, 2)).astype(np.float32)
probability_targets = rng.integers(0, 2, size=(3, 2)).astype(np.float32)
extreme_probabilities = np.array([0.0, 1.0, 0.0, 1.0, 0.5], dtype=np.float32)
extreme_targets = np.array([1.0, 0.0, 0.0, 1.0, 1.0], dtype=np.float32)
saturated_probabilities = np.array([1.0, 0.0], dtype=np.float32)
saturated_targets = np.array([1.0, 1.0], dtype=np.float32)

mse_predictions = rng.normal(size=(3, 4)).astype(np.float32)
mse_targets = rng.normal(size=(3, 4)).astype(np.float32)

bce_with_logits = lambda z, t: F.binary_cross_entropy_with_logits(z, t)  # noqa: E731
bce = lambda z, t: F.binary_cross_entropy(z, t)  # noqa: E731

cases = [
    record("softmaxCrossEntropy", {}, logits, indices, "int32", cross_entropy(), note="class indices"),
    record("softmaxCrossEntropy", {}, logits, one_hot, "float32", cross_entropy(), note="one-hot targets"),
    record("softmaxCrossEntropy", {"labelSmoothing": 0.1}, logits, indices, "int32", cross_entropy(0.1), note="label smoothing, indices"),
    record("softmaxCrossEntropy", {"labelSmoothing": 0.2}, logits, soft, "float32", cross_entropy(0.2), note="label smoothing, soft targets"),
    record("softmaxCrossEntropy", {}, large, large_targets, "int32", cross_entropy(), note="logits of 1e4"),
    record("softmaxCrossEntropy", {}, rank3, rank3_targets, "int32", cross_entropy(), note="rank-3 logits, classes last"),
    record("binaryCrossEntropy", {}, bce_logits, bce_targets, "float32", bce_with_logits, note="logits, 0/1 targets"),
    record("binaryCrossEntropy", {}, bce_logits, bce_soft, "float32", bce_with_logits, note="logits, soft targets"),
    record("binaryCrossEntropy", {}, bce_large, bce_large_targets, "float32", bce_with_logits, note="logits of 1e4, 20 and 0"),
    record("binaryCrossEntropy", {"fromLogits": False}, probabilities, probability_targets, "float32", bce, note="probabilities"),
    record("binaryCrossEntropy", {"fromLogits": False}, extreme_probabilities, extreme_targets, "float32", bce, note="probabilities 0 and 1: logs clamped at -100, gradient denominator at 1e-12"),
    record("binaryCrossEntropy", {"fromLogits": False}, saturated_probabilities, saturated_targets, "float32", bce, note="issue 19: p = [1, 0], t = [1, 1] gives gradient [0, -5e11], not NaN"),
    record("meanSquaredError", {}, mse_predictions, mse_targets, "float32", F.mse_loss),
]

accuracy_logits = (rng.normal(size=(8, 3)) * 2).astype(np.float32)
accuracy_indices = rng.integers(0, 3, size=(8,))
binary_logits = rng.normal(size=(8, 1)).astype(np.float32)
binary_targets = rng.integers(0, 2, size=(8, 1))
accuracy_cases = [
    {"note": "class indices", "predictions": floats(accuracy_logits), "targets": accuracy_indices.tolist(), "targetDtype": "int32",
     "value": float((accuracy_logits.argmax(-1) == accuracy_indices).mean())},
    {"note": "one-hot targets", "predictions": floats(accuracy_logits), "targets": floats(np.eye(3)[accuracy_indices]), "targetDtype": "float32",
     "value": float((accuracy_logits.argmax(-1) == accuracy_indices).mean())},
    {"note": "binary logits thresholded at 0", "predictions": floats(binary_logits), "targets": floats(binary_targets), "targetDtype": "float32",
     "value": float(((binary_logits > 0) == (binary_targets > 0.5)).mean())},
]

fixture = {"generator": "scripts/losses_golden.py", "torch": torch.__version__, "losses": cases, "accuracy": accuracy_cases}
out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "fixtures", "losses.json")
with open(out, "w") as handle:
    json.dump(fixture, handle, indent=1)
    handle.write("\n")
print(f"wrote {os.path.normpath(out)}: {len(cases)} loss cases, {len(accuracy_cases)} accuracy cases")
