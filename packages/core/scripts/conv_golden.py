"""Golden values for @fanin/core's conv, pooling and flatten layers, from PyTorch.

fanin is channels-last (tfjs): inputs NHWC [N, H, W, C], conv kernels [kh, kw, in/groups, out].
PyTorch is channels-first: inputs NCHW, weights [out, in/groups, kh, kw]. This script draws the
values in fanin's layout, converts them for PyTorch (x.permute(0, 3, 1, 2), w.permute(3, 2, 0, 1)),
and converts PyTorch's outputs and gradients back, so the fixture holds everything in fanin's
layout and the tests compare element by element.

Every conv case records the output of conv2d(x, kernel) + bias and the gradients of
sum(output * weighting) with respect to x, kernel and bias, computed in float64 from the float32
inputs (the "64" suffix), which the float32 results of fanin are compared to. Shapes are asymmetric (H != W, C != F, kh != kw in places) and the values
random, so a transposed kernel, swapped spatial axes or a channel order mixed up between groups
gives different numbers.

Padding. "same" is TensorFlow's: out = ceil(in / stride), total = max((out - 1) * stride +
(k - 1) * dilation + 1 - in, 0), floor(total / 2) before and the rest after (the extra row and
column of an even kernel go at the bottom and right). For stride 1 that is exactly PyTorch's
padding='same' (the script checks it against F.conv2d(padding='same')); PyTorch refuses
padding='same' with a stride, so strided cases use F.pad with the amounts above. Each even-kernel
"same" case also records `otherSide`, the output with the extra row and column at the top and
left, which the tests check fanin does not produce. An integer or pair is PyTorch's symmetric
zero padding.

Pools: max pooling pads with -inf, average pooling divides by the number of real (not padded)
values in the window (TensorFlow's "same"; PyTorch's count_include_pad=False). Such cases also
record `countIncludePad`, the average over the whole window (PyTorch's default), which differs.

Flatten: fanin flattens NHWC, so the features are in (h, w, c) order; PyTorch's nn.Flatten on
NCHW gives (c, h, w). The flatten case records both, and a dense layer after the flatten with
PyTorch's Linear weight converted to fanin's [H*W*C, out] kernel (rows permuted from (c, h, w)
to (h, w, c) order), which is how a PyTorch conv net's classifier head is ported.

Writes fixtures/conv.json. Run from packages/core with /usr/bin/python3 (torch 1.13):
/usr/bin/python3 scripts/conv_golden.py
"""

import json
import math
import os

import numpy as np
import torch
import torch.nn.functional as F

rng = np.random.default_rng(16)


def floats(array):
    return np.asarray(array, dtype=np.float64).reshape(-1).tolist()


def pair(value):
    return (value, value) if isinstance(value, int) else tuple(value)


def same_pads(size, kernel, stride, dilation):
    """TensorFlow's "same" padding along one axis: (before, after)."""
    effective = (kernel - 1) * dilation + 1
    out = math.ceil(size / stride)
    total = max((out - 1) * stride + effective - size, 0)
    return total // 2, total - total // 2


def pads_of(padding, height, width, kernel, stride, dilation):
    """(top, bottom, left, right) for a padding option."""
    if padding == "valid":
        return 0, 0, 0, 0
    if padding == "same":
        top, bottom = same_pads(height, kernel[0], stride[0], dilation[0])
        left, right = same_pads(width, kernel[1], stride[1], dilation[1])
        return top, bottom, left, right
    ph, pw = pair(padding)
    return ph, ph, pw, pw


def to_torch(x, dtype):
    return torch.tensor(np.transpose(x, (0, 3, 1, 2)), dtype=dtype, requires_grad=True)


def nhwc(t):
    return t.detach().permute(0, 2, 3, 1).numpy()


def conv_case(name, input_shape, filters, kernel_size, stride=1, padding="valid", dilation=1,
              groups=1, bias=True):
    n, h, w, c = input_shape
    kh, kw = pair(kernel_size)
    stride, dilation = pair(stride), pair(dilation)
    x = rng.normal(size=input_shape).astype(np.float32)
    kernel = rng.normal(size=(kh, kw, c // groups, filters)).astype(np.float32)
    b = rng.normal(size=(filters,)).astype(np.float32) if bias else None
    top, bottom, left, right = pads_of(padding, h, w, (kh, kw), stride, dilation)
    out_h = (h + top + bottom - ((kh - 1) * dilation[0] + 1)) // stride[0] + 1
    out_w = (w + left + right - ((kw - 1) * dilation[1] + 1)) // stride[1] + 1
    weighting = rng.uniform(-1, 1, size=(n, out_h, out_w, filters)).astype(np.float32)
    result = {
        "name": name,
        "options": {
            "filters": filters,
            "kernelSize": kernel_size,
            "stride": list(stride) if stride[0] != stride[1] else stride[0],
            "padding": padding,
            "dilation": list(dilation) if dilation[0] != dilation[1] else dilation[0],
            "groups": groups,
            "bias": bias,
        },
        "x": {"shape": list(input_shape), "values": floats(x)},
        "kernel": {"shape": [kh, kw, c // groups, filters], "values": floats(kernel)},
        "bias": floats(b) if bias else None,
        "weighting": floats(weighting),
        "outputShape": [n, out_h, out_w, filters],
        "pads": [top, bottom, left, right],
    }

    def run(dtype, pads):
        tx = to_torch(x, dtype)
        tk = torch.tensor(np.transpose(kernel, (3, 2, 0, 1)), dtype=dtype, requires_grad=True)
        tb = torch.tensor(b, dtype=dtype, requires_grad=True) if bias else None
        t, bo, le, ri = pads
        y = F.conv2d(F.pad(tx, (le, ri, t, bo)), tk, tb, stride=stride, dilation=dilation,
                     groups=groups)
        return tx, tk, tb, y

    tx, tk, tb, y = run(torch.float64, (top, bottom, left, right))
    assert list(nhwc(y).shape) == result["outputShape"], (name, nhwc(y).shape)
    if padding == "same" and stride == (1, 1):
        # fanin's "same" at stride 1 is PyTorch's padding='same'
        direct = F.conv2d(tx, tk, tb, padding="same", dilation=dilation, groups=groups)
        assert torch.equal(direct, y), name
    loss = (torch.tensor(np.transpose(weighting, (0, 3, 1, 2)), dtype=torch.float64) * y).sum()
    grads = torch.autograd.grad(loss, [tx, tk] + ([tb] if bias else []))
    result["output64"] = floats(nhwc(y))
    result["gradX64"] = floats(grads[0].permute(0, 2, 3, 1).numpy())
    result["gradKernel64"] = floats(grads[1].permute(2, 3, 1, 0).numpy())
    result["gradBias64"] = floats(grads[2].numpy()) if bias else None
    if padding == "same" and (top != bottom or left != right):
        _, _, _, other = run(torch.float64, (bottom, top, right, left))
        result["otherSide"] = floats(nhwc(other))
    return result


def pool_case(name, kind, input_shape, pool_size, stride=None, padding="valid"):
    n, h, w, c = input_shape
    kh, kw = pair(pool_size)
    stride = pair(stride) if stride is not None else (kh, kw)
    x = rng.normal(size=input_shape).astype(np.float32)
    top, bottom, left, right = pads_of(padding, h, w, (kh, kw), stride, (1, 1))
    out_h = (h + top + bottom - kh) // stride[0] + 1
    out_w = (w + left + right - kw) // stride[1] + 1
    weighting = rng.uniform(-1, 1, size=(n, out_h, out_w, c)).astype(np.float32)
    result = {
        "name": name,
        "kind": kind,
        "options": {
            "poolSize": pool_size,
            **({"stride": list(stride) if stride[0] != stride[1] else stride[0]}
               if stride != (kh, kw) else {}),
            "padding": padding,
        },
        "x": {"shape": list(input_shape), "values": floats(x)},
        "weighting": floats(weighting),
        "outputShape": [n, out_h, out_w, c],
    }
    padding_4 = (left, right, top, bottom)

    def forward(tx, include_pad=False):
        if kind == "maxPool2d":
            return F.max_pool2d(F.pad(tx, padding_4, value=-math.inf), (kh, kw), stride)
        total = F.avg_pool2d(F.pad(tx, padding_4), (kh, kw), stride, divisor_override=1)
        if include_pad:
            return total / (kh * kw)
        ones = F.pad(torch.ones_like(tx[:1, :1]), padding_4)
        count = F.avg_pool2d(ones, (kh, kw), stride, divisor_override=1)
        return total / count

    tx = to_torch(x, torch.float64)
    y = forward(tx)
    assert list(nhwc(y).shape) == result["outputShape"], name
    if padding == "valid":
        plain = (F.max_pool2d if kind == "maxPool2d" else F.avg_pool2d)(tx, (kh, kw), stride)
        assert torch.allclose(plain, y), name
    loss = (torch.tensor(np.transpose(weighting, (0, 3, 1, 2)), dtype=torch.float64) * y).sum()
    (grad_x,) = torch.autograd.grad(loss, [tx])
    result["output64"] = floats(nhwc(y))
    result["gradX64"] = floats(grad_x.permute(0, 2, 3, 1).numpy())
    if kind == "avgPool2d" and padding == "same" and (top or bottom or left or right):
        result["countIncludePad"] = floats(nhwc(forward(to_torch(x, torch.float64), True)))
    return result


def global_avg_pool_case(input_shape):
    x = rng.normal(size=input_shape).astype(np.float32)
    n, _, _, c = input_shape
    weighting = rng.uniform(-1, 1, size=(n, c)).astype(np.float32)
    tx = to_torch(x, torch.float64)
    y = F.adaptive_avg_pool2d(tx, 1).flatten(1)
    (grad_x,) = torch.autograd.grad((torch.tensor(weighting, dtype=torch.float64) * y).sum(), [tx])
    return {
        "x": {"shape": list(input_shape), "values": floats(x)},
        "weighting": floats(weighting),
        "outputShape": [n, c],
        "output64": floats(y.detach().numpy()),
        "gradX64": floats(grad_x.permute(0, 2, 3, 1).numpy()),
    }


def flatten_case(input_shape, units):
    n, h, w, c = input_shape
    x = rng.normal(size=input_shape).astype(np.float32)
    linear = rng.normal(size=(units, c * h * w)).astype(np.float32) / math.sqrt(c * h * w)
    linear_bias = rng.normal(size=(units,)).astype(np.float32)
    tx = to_torch(x, torch.float64)
    torch_flat = torch.flatten(tx, 1)  # PyTorch: (c, h, w) order
    torch_dense = torch_flat @ torch.tensor(linear, dtype=torch.float64).T + torch.tensor(
        linear_bias, dtype=torch.float64)
    # fanin's dense kernel [H*W*C, units]: row (h, w, c) is PyTorch's column (c, h, w)
    kernel = np.transpose(linear.reshape(units, c, h, w), (2, 3, 1, 0)).reshape(h * w * c, units)
    return {
        "x": {"shape": list(input_shape), "values": floats(x)},
        "outputShape": [n, h * w * c],
        "output": floats(x.reshape(n, -1)),
        "torchOrder": floats(torch_flat.detach().numpy()),
        "dense": {
            "torchWeight": {"shape": [units, c * h * w], "values": floats(linear)},
            "kernel": {"shape": [h * w * c, units], "values": floats(kernel)},
            "bias": floats(linear_bias),
            "output64": floats(torch_dense.detach().numpy()),
        },
    }


conv_cases = [
    conv_case("3x3 valid", [2, 5, 6, 3], 4, 3),
    conv_case("2x3 kernel, stride [2, 1], padding [1, 2]", [2, 6, 5, 3], 4, [2, 3], stride=[2, 1],
              padding=[1, 2]),
    conv_case("same, even 4x4 kernel", [2, 5, 6, 2], 3, 4, padding="same"),
    conv_case("same, even 2x4 kernel", [1, 5, 7, 3], 2, [2, 4], padding="same"),
    conv_case("same, 3x3 stride 2", [2, 7, 8, 3], 4, 3, stride=2, padding="same"),
    conv_case("same, even 2x2 stride 2, odd input", [2, 5, 7, 2], 3, 2, stride=2, padding="same"),
    conv_case("dilation 2, valid", [2, 7, 8, 3], 4, 3, dilation=2),
    conv_case("dilation [2, 1] with stride 2, padding 1", [2, 9, 8, 2], 3, 3, stride=2,
              padding=1, dilation=[2, 1]),
    conv_case("dilation 2, same", [1, 6, 7, 3], 2, 3, padding="same", dilation=2),
    conv_case("groups 2", [2, 5, 6, 4], 6, 3, padding=1, groups=2),
    conv_case("groups 3, stride 2, dilation 2", [1, 9, 10, 6], 9, [3, 2], stride=2,
              dilation=2, groups=3),
    conv_case("depthwise", [2, 5, 6, 3], 3, 3, padding="same", groups=3),
    conv_case("depthwise, multiplier 2, stride 2", [2, 7, 6, 3], 6, [3, 2], stride=2, groups=3),
    conv_case("depthwise, dilation 2", [1, 8, 7, 4], 4, 3, dilation=2, groups=4),
    conv_case("depthwise, multiplier 2, even kernel, same, stride 2", [1, 6, 7, 2], 4, 2,
              stride=2, padding="same", groups=2),
    conv_case("1x1, stride 2, no bias", [2, 5, 6, 3], 5, 1, stride=2, bias=False),
]

pool_cases = [
    pool_case("max 2x2", "maxPool2d", [2, 5, 6, 3], 2),
    pool_case("max 3x3 stride 2 same", "maxPool2d", [2, 7, 8, 2], 3, stride=2, padding="same"),
    pool_case("max 2x3 stride [1, 2]", "maxPool2d", [1, 5, 7, 3], [2, 3], stride=[1, 2]),
    pool_case("max 2x2 same, odd input", "maxPool2d", [1, 5, 7, 2], 2, padding="same"),
    pool_case("avg 2x2", "avgPool2d", [2, 5, 6, 3], 2),
    pool_case("avg 3x3 stride 2 same", "avgPool2d", [2, 7, 8, 2], 3, stride=2, padding="same"),
    pool_case("avg 2x3 stride [1, 2]", "avgPool2d", [1, 5, 7, 3], [2, 3], stride=[1, 2]),
    pool_case("avg 2x2 same, odd input", "avgPool2d", [1, 5, 7, 2], 2, padding="same"),
]

fixture = {
    "generator": "scripts/conv_golden.py",
    "torch": torch.__version__,
    "layout": "NHWC inputs, kernels [kh, kw, in/groups, out]; converted from PyTorch's NCHW and [out, in/groups, kh, kw]",
    "objective": "gradients are of sum(output * weighting)",
    "conv2d": conv_cases,
    "pool": pool_cases,
    "globalAvgPool": global_avg_pool_case([2, 3, 4, 5]),
    "flatten": flatten_case([2, 3, 4, 5], 3),
}
out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "fixtures", "conv.json")
with open(out, "w") as handle:
    json.dump(fixture, handle, indent=None, separators=(",", ":"))
    handle.write("\n")
print(f"wrote {os.path.normpath(out)}: {len(conv_cases)} conv and {len(pool_cases)} pool cases")
