"""Golden values for @fanin/core's gradient table, from PyTorch.

For matMul whose batch dimensions broadcast (a rank-3 a against a rank-2 b, a batch of 1
against a batch of 2, batch dimensions broadcast on both sides...), with every combination
of transposeA / transposeB, records the output of a @ b and the gradients of
sum((a @ b) * weighting) with respect to a and b, in float32 and in float64 (from the same
float32 inputs). The inputs are stored as fanin receives them: with transposeA, a holds the
[..., k, m] matrix whose transpose is multiplied (tf.matMul(a, b, true, false)); PyTorch
computes a.transpose(-1, -2) @ b.

Writes fixtures/gradients.json. Run from packages/core with /usr/bin/python3 (torch 1.13):
/usr/bin/python3 scripts/gradients_golden.py
"""

import json
import os

import numpy as np
import torch

rng = np.random.default_rng(19)

# (a shape, b shape) before any transpose: a [..., m, k] @ b [..., k, n]. In the first
# seven one side's batch is broadcast against the other's. In the last two both sides
# broadcast (a [2, 1] against b [5] or [1, 5]: 10 products from 2 and 5 matrices), which
# tfjs's wasm and webgl kernels get wrong in the forward pass: they flatten each side's batch
# to one number and compute max(batchA, batchB) = 5 products. Those cases are marked
# "bothSidesBroadcast"; fanin replaces the cpu kernel and wraps the wasm one for them.
BROADCAST_PAIRS = [
    ([2, 3, 4], [4, 2]),  # a batched, b a plain matrix (issue 19)
    ([3, 4], [2, 4, 5]),  # a a plain matrix, b batched
    ([1, 3, 4], [2, 4, 5]),  # a batch of 1 against a batch of 2
    ([2, 3, 4], [1, 4, 5]),  # a batch of 2 against a batch of 1
    ([2, 2, 3, 4], [4, 5]),  # rank 4 against a plain matrix
    ([2, 2, 3, 4], [1, 1, 4, 5]),  # rank 4 against rank 4 of batch 1
    ([2, 2, 3, 4], [2, 4, 5]),  # rank 4 against rank 3: b repeated along a's first axis
    ([2, 1, 3, 4], [5, 4, 6]),  # both sides broadcast: rank 4 against rank 3
    ([2, 1, 3, 4], [1, 5, 4, 6]),  # both sides broadcast, on different axes
]



def both_sides_broadcast(a_batch, b_batch):
    """Whether the output holds more batch products than either side has matrices."""
    out_batch = np.broadcast_shapes(tuple(a_batch), tuple(b_batch))
    return bool(int(np.prod(out_batch)) > max(int(np.prod(a_batch)), int(np.prod(b_batch))))

def floats(array):
    return np.asarray(array, dtype=np.float64).reshape(-1).tolist()


def swap_last(shape):
    return shape[:-2] + [shape[-1], shape[-2]]


def case(a_shape, b_shape, transpose_a, transpose_b):
    stored_a = swap_last(a_shape) if transpose_a else a_shape
    stored_b = swap_last(b_shape) if transpose_b else b_shape
    a = rng.normal(size=stored_a).astype(np.float32)
    b = rng.normal(size=stored_b).astype(np.float32)
    out_shape = list(np.broadcast_shapes(tuple(a_shape[:-2]), tuple(b_shape[:-2]))) + [a_shape[-2], b_shape[-1]]
    weighting = rng.uniform(-1, 1, size=out_shape).astype(np.float32)
    result = {
        "a": {"shape": stored_a, "values": floats(a)},
        "b": {"shape": stored_b, "values": floats(b)},
        "transposeA": transpose_a,
        "transposeB": transpose_b,
        "weighting": floats(weighting),
        "outputShape": out_shape,
        "bothSidesBroadcast": both_sides_broadcast(a_shape[:-2], b_shape[:-2]),
    }
    for dtype, suffix in [(torch.float32, ""), (torch.float64, "64")]:
        ta = torch.tensor(a, dtype=dtype, requires_grad=True)
        tb = torch.tensor(b, dtype=dtype, requires_grad=True)
        left = ta.transpose(-1, -2) if transpose_a else ta
        right = tb.transpose(-1, -2) if transpose_b else tb
        y = torch.matmul(left, right)
        assert list(y.shape) == out_shape
        grad_a, grad_b = torch.autograd.grad((y * torch.tensor(weighting, dtype=dtype)).sum(), [ta, tb])
        result["output" + suffix] = floats(y.detach().numpy())
        result["gradA" + suffix] = floats(grad_a.numpy())
        result["gradB" + suffix] = floats(grad_b.numpy())
    return result


cases = [
    case(a_shape, b_shape, transpose_a, transpose_b)
    for a_shape, b_shape in BROADCAST_PAIRS
    for transpose_a in (False, True)
    for transpose_b in (False, True)
]

fixture = {
    "generator": "scripts/gradients_golden.py",
    "torch": torch.__version__,
    "objective": "gradients are of sum(matMul(a, b, transposeA, transposeB) * weighting)",
    "matMul": cases,
}
out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "fixtures", "gradients.json")
with open(out, "w") as handle:
    json.dump(fixture, handle, indent=None, separators=(",", ":"))
    handle.write("\n")
print(f"wrote {os.path.normpath(out)}: {len(cases)} broadcasting matMul cases")
