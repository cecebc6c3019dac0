"""Golden values for @fanin/activations, computed with PyTorch.

Run from the package directory with the system Python (torch 1.13, numpy):

    /usr/bin/python3 scripts/golden.py

Writes fixtures/golden.json. The tests compare against it without Python.

What is in it:
- "inputs": a fixed set of float32 inputs: 0, +-1e-8, +-0.5, +-1, +-3, +-6, +-20, +-100, +-1e4 (the
  kinks and the extremes) and a spread of ordinary values.
- "elementwise": for every elementwise activation and a few option settings, the float32 output of
  PyTorch, the first derivative (autograd of sum(f(x))) and, where PyTorch implements double
  backward, the second derivative (autograd of the first one, create_graph=True). Alongside each
  float32 result the same computation in float64 ("output64", "grad64", "grad2_64"): not the
  reference the tests hold fanin to, but the ground truth that justifies a looser per-case
  tolerance where float32 PyTorch itself loses digits (1 + erf(x) cancels for negative x).
  Two exceptions, explained where they are declared: hardSwish is evaluated one element at a time
  (ONE_AT_A_TIME) and mish's float64 reference uses the overflow-free formula (FLOAT64_FORMULA).
- "prelu", "maxout": the learnable ones with fixed parameters, with gradients of sum(f * weighting)
  for the input and every parameter.
- "softmax": softmax and logSoftmax on 2-D and 3-D inputs (rows holding +-1e4) along several axes,
  with gradients of sum(f * weighting).
- "nonFinite": the same elementwise cases on +-Infinity, NaN and +-1e30 (output and first
  derivative, float32 and float64), prelu on a [5, 3] input whose columns hold those values,
  softmax / logSoftmax along rows holding them (float32 and float64), and maxout on inputs
  holding them.
- "gains": the gain of every activation for which fanin does not take PyTorch's calculate_gain
  value: g = 1 / sqrt(E[f(Z)^2]), Z ~ N(0, 1), the second-moment criterion of He et al. (2015),
  which gives sqrt(2) for relu and sqrt(2 / (1 + a^2)) for leaky relu. Computed here in float64
  by the trapezoid rule on [-16, 16] with step 1e-5; "calculateGain" holds torch's own values.

Non-finite numbers are written as the strings "NaN", "Infinity", "-Infinity" (JSON has none).
"""

import json
import math
import os

import numpy as np
import torch
import torch.nn.functional as F

HERE = os.path.dirname(os.path.abspath(__file__))
FIXTURE = os.path.join(HERE, '..', 'fixtures', 'golden.json')

EXTREMES = [0.0, 1e-8, -1e-8, 0.5, -0.5, 1.0, -1.0, 3.0, -3.0, 6.0, -6.0, 20.0, -20.0, 100.0, -100.0, 1e4, -1e4]
ORDINARY = [
    0.01, -0.01, 0.1, -0.1, 0.3, -0.3, 0.8, -0.8, 1.2, -1.2, 1.7, -1.7, 2.5, -2.5, 2.99, -2.99,
    3.01, -3.01, 4.2, -4.2, 5.99, 6.01, 7.3, -7.3, 9.9, -9.9, 13.5, -13.5, 15.0, -15.0, 19.5, 20.5,
    -25.0, 25.0, 50.0, -50.0,
]
INPUTS = np.array(EXTREMES + ORDINARY, dtype=np.float32)

SELU_ALPHA = 1.6732632423543772848170429916717
SELU_SCALE = 1.0507009873554804934193349852946


def encode(value):
    value = float(value)
    if math.isnan(value):
        return 'NaN'
    if math.isinf(value):
        return 'Infinity' if value > 0 else '-Infinity'
    return value


def flat(tensor):
    return [encode(v) for v in tensor.detach().reshape(-1).tolist()]


def step(x, threshold):
    return (x > threshold).to(x.dtype)


# name, options (as fanin spells them), PyTorch call (as text, for the reader), function
ELEMENTWISE = [
    ('sigmoid', {}, 'torch.sigmoid(x)', torch.sigmoid),
    ('tanh', {}, 'torch.tanh(x)', torch.tanh),
    ('relu', {}, 'F.relu(x)', F.relu),
    ('leakyRelu', {}, 'F.leaky_relu(x, 0.01)', lambda x: F.leaky_relu(x, 0.01)),
    ('leakyRelu', {'alpha': 0.2}, 'F.leaky_relu(x, 0.2)', lambda x: F.leaky_relu(x, 0.2)),
    ('leakyRelu', {'alpha': 1.5}, 'F.leaky_relu(x, 1.5)', lambda x: F.leaky_relu(x, 1.5)),
    ('elu', {}, 'F.elu(x, 1.0)', lambda x: F.elu(x, 1.0)),
    ('elu', {'alpha': 0.5}, 'F.elu(x, 0.5)', lambda x: F.elu(x, 0.5)),
    ('elu', {'alpha': 2.0}, 'F.elu(x, 2.0)', lambda x: F.elu(x, 2.0)),
    ('selu', {}, 'F.selu(x)', F.selu),
    ('gelu', {}, "F.gelu(x, approximate='none')", lambda x: F.gelu(x, approximate='none')),
    ('gelu', {'approximate': 'tanh'}, "F.gelu(x, approximate='tanh')", lambda x: F.gelu(x, approximate='tanh')),
    ('silu', {}, 'F.silu(x)', F.silu),
    ('mish', {}, 'F.mish(x)', F.mish),
    ('softplus', {}, 'F.softplus(x, beta=1, threshold=20)', lambda x: F.softplus(x, beta=1, threshold=20)),
    ('softplus', {'beta': 2}, 'F.softplus(x, beta=2, threshold=20)', lambda x: F.softplus(x, beta=2, threshold=20)),
    ('softplus', {'beta': 0.5, 'threshold': 10}, 'F.softplus(x, beta=0.5, threshold=10)', lambda x: F.softplus(x, beta=0.5, threshold=10)),
    ('softplus', {'threshold': 5}, 'F.softplus(x, beta=1, threshold=5)', lambda x: F.softplus(x, beta=1, threshold=5)),
    ('softsign', {}, 'F.softsign(x)', F.softsign),
    ('relu6', {}, 'F.relu6(x)', F.relu6),
    ('hardSigmoid', {}, 'F.hardsigmoid(x)', F.hardsigmoid),
    ('hardSwish', {}, 'F.hardswish(x), one element at a time (see ONE_AT_A_TIME)', F.hardswish),
    ('step', {}, '(x > 0).float()', lambda x: step(x, 0.0)),
    ('step', {'threshold': 0.5}, '(x > 0.5).float()', lambda x: step(x, 0.5)),
    ('linear', {}, 'x', lambda x: x.clone()),
]


# PyTorch 1.13's CPU hardswish_backward disagrees with itself at x = 3: its vectorized loop
# returns 1 (x >= 3 -> grad) while its scalar tail and the CUDA kernel return 1.5 (x <= 3 -> middle
# piece), so the answer depends on where x = 3 falls in the tensor. fanin follows the scalar/CUDA
# definition (the middle piece on the closed interval [-3, 3]); these cases are computed one
# element per tensor, which always takes the scalar path.
ONE_AT_A_TIME = {'hardSwish'}

# PyTorch's float64 mish overflows in its double backward (exp(x) for x = 1e4 gives Inf / Inf);
# the float64 ground truth of mish is computed from the same function written with the
# overflow-free softplus instead: x * tanh(softplus(x)).
FLOAT64_FORMULA = {'mish': lambda x: x * torch.tanh(F.softplus(x))}


def derivatives_one_at_a_time(fn, values, dtype):
    results = [derivatives(fn, [value], dtype) for value in values]
    y, first, second = (torch.cat([r[k] for r in results]) if results[0][k] is not None else None for k in range(3))
    return y, first, second


def derivatives(fn, values, dtype):
    x = torch.tensor(values, dtype=dtype, requires_grad=True)
    y = fn(x)
    if not y.requires_grad:  # step: PyTorch has no gradient at all; its derivative is 0 everywhere
        zeros = torch.zeros_like(x)
        return y, zeros, zeros
    (first,) = torch.autograd.grad(y.sum(), x, create_graph=True)
    try:
        if not first.requires_grad:
            second = torch.zeros_like(x)
        else:
            (second,) = torch.autograd.grad(first.sum(), x)
    except RuntimeError:  # e.g. "derivative for aten::hardsigmoid_backward is not implemented"
        second = None
    return y, first, second


def elementwise_cases():
    cases = []
    for name, options, call, fn in ELEMENTWISE:
        compute = derivatives_one_at_a_time if name in ONE_AT_A_TIME else derivatives
        y32, g32, h32 = compute(fn, INPUTS, torch.float32)
        y64, g64, h64 = compute(FLOAT64_FORMULA.get(name, fn), INPUTS.astype(np.float64), torch.float64)
        cases.append({
            'name': name,
            'options': options,
            'torch': call,
            'output': flat(y32),
            'grad': flat(g32),
            'grad2': flat(h32) if h32 is not None else None,
            'output64': flat(y64),
            'grad64': flat(g64),
            'grad2_64': flat(h64) if h64 is not None else None,
        })
    return cases


def weighted_gradients(fn, tensors, weighting):
    """Output of fn(*tensors) and gradients of sum(output * weighting) for every tensor."""
    leaves = [t.clone().requires_grad_(True) for t in tensors]
    y = fn(*leaves)
    grads = torch.autograd.grad((y * weighting).sum(), leaves)
    return y, grads


def prelu_cases(rng):
    x = torch.tensor(rng.normal(0, 2, size=(5, 3)).astype(np.float32))
    x[0, 0] = 0.0
    x[1, 1] = 1e4
    x[2, 2] = -1e4
    weighting = torch.tensor(rng.uniform(0.5, 1.5, size=(5, 3)).astype(np.float32))
    cases = []
    for label, alpha in [('shared', [0.25]), ('perChannel', [0.25, -0.1, 1.5])]:
        a = torch.tensor(alpha, dtype=torch.float32)
        y, (dx, da) = weighted_gradients(F.prelu, [x, a], weighting)
        cases.append({
            'name': label,
            'torch': 'F.prelu(x, alpha)',
            'input': flat(x), 'shape': list(x.shape), 'alpha': alpha, 'weighting': flat(weighting),
            'output': flat(y), 'gradInput': flat(dx), 'gradAlpha': flat(da),
        })
    return cases


def maxout_cases(rng):
    cases = []
    for inputs, units, pieces in [(3, 2, 2), (4, 3, 3)]:
        x = torch.tensor(rng.normal(0, 1, size=(5, inputs)).astype(np.float32))
        kernel = torch.tensor(rng.normal(0, 1, size=(inputs, units * pieces)).astype(np.float32))
        bias = torch.tensor(rng.normal(0, 0.5, size=(units * pieces,)).astype(np.float32))
        weighting = torch.tensor(rng.uniform(0.5, 1.5, size=(5, units)).astype(np.float32))

        def maxout(x, kernel, bias, units=units, pieces=pieces):
            # column unit * pieces + piece holds piece `piece` of unit `unit`
            return (x @ kernel + bias).reshape(-1, units, pieces).max(dim=-1).values

        y, (dx, dk, db) = weighted_gradients(maxout, [x, kernel, bias], weighting)
        cases.append({
            'inputs': inputs, 'units': units, 'pieces': pieces,
            'torch': '(x @ kernel + bias).reshape(-1, units, pieces).max(dim=-1).values',
            'input': flat(x), 'kernel': flat(kernel), 'bias': flat(bias), 'weighting': flat(weighting),
            'output': flat(y), 'gradInput': flat(dx), 'gradKernel': flat(dk), 'gradBias': flat(db),
        })
    return cases


def softmax_cases(rng):
    two_d = np.array([
        [1.0, 2.0, 3.0, 4.0, 5.0],
        [1e4, 0.0, -1e4, 5.0, 1e4],
        [-1e4, -1e4, -1e4, -1e4, -1e4],
        [0.5, -0.5, 100.0, -100.0, 0.0],
        [20.0, 20.5, -3.0, 1e-8, -6.0],
        [1e4, 1e4 - 1, 1e4 - 2, -1e4, 3.0],
    ], dtype=np.float32)
    three_d = rng.normal(0, 3, size=(2, 4, 3)).astype(np.float32)
    three_d[0, 1, 2] = 1e4
    three_d[1, 3, 0] = -1e4
    inputs = [(two_d, -1), (two_d, 0), (two_d, 1), (three_d, 1), (three_d, -1), (three_d, 0)]
    cases = []
    for array, axis in inputs:
        x = torch.tensor(array)
        weighting = torch.tensor(rng.uniform(-1, 1, size=array.shape).astype(np.float32))
        for name, fn in [('softmax', F.softmax), ('logSoftmax', F.log_softmax)]:
            y, (dx,) = weighted_gradients(lambda t, fn=fn, axis=axis: fn(t, dim=axis), [x], weighting)
            cases.append({
                'name': name, 'axis': axis, 'shape': list(array.shape),
                'torch': f'F.{"softmax" if name == "softmax" else "log_softmax"}(x, dim={axis})',
                'input': flat(x), 'weighting': flat(weighting),
                'output': flat(y), 'gradInput': flat(dx),
            })
    return cases


# The non-finite grid: what every activation does with Inf, NaN and 1e30 (values whose
# squares and cubes overflow float32).
NON_FINITE = [math.inf, -math.inf, math.nan, 1e30, -1e30]


def non_finite_cases(rng):
    """
    Every elementwise case of ELEMENTWISE on NON_FINITE (output and first derivative, one
    element per tensor so no vectorized path differs from the scalar one), in float32 and in
    float64; and the activations with parameters or an axis on inputs holding the same values.
    """
    elementwise = []
    for name, options, call, fn in ELEMENTWISE:
        y32, g32, _ = derivatives_one_at_a_time(fn, NON_FINITE, torch.float32)
        y64, g64, _ = derivatives_one_at_a_time(FLOAT64_FORMULA.get(name, fn), NON_FINITE, torch.float64)
        elementwise.append({
            'name': name, 'options': options, 'torch': call,
            'output': flat(y32), 'grad': flat(g32), 'output64': flat(y64), 'grad64': flat(g64),
        })

    ordinary = [0.7, -1.3, 2.0, -0.2, 0.05]
    # column 0 the grid, column 1 the grid reversed, column 2 ordinary values
    x = torch.tensor([NON_FINITE, NON_FINITE[::-1], ordinary], dtype=torch.float32).T.contiguous()
    weighting = torch.tensor(rng.uniform(0.5, 1.5, size=(5, 3)).astype(np.float32))
    prelu = []
    for label, alpha in [('shared', [0.25]), ('perChannel', [0.25, -0.1, 1.5])]:
        a = torch.tensor(alpha, dtype=torch.float32)
        y, (dx, da) = weighted_gradients(F.prelu, [x, a], weighting)
        prelu.append({
            'name': label, 'torch': 'F.prelu(x, alpha)',
            'input': flat(x), 'shape': list(x.shape), 'alpha': alpha, 'weighting': flat(weighting),
            'output': flat(y), 'gradInput': flat(dx), 'gradAlpha': flat(da),
        })

    rows = np.array([
        [math.inf, 0.0, 1.0], [-math.inf, 0.0, 1.0], [math.nan, 0.0, 1.0], [1e30, 0.0, 1.0],
        [-1e30, 0.0, 1.0], [math.inf, -math.inf, 0.0], [1e30, -1e30, 1e30],
    ], dtype=np.float32)
    row_weighting = torch.tensor(rng.uniform(-1, 1, size=rows.shape).astype(np.float32))
    softmax = []
    for name, fn in [('softmax', F.softmax), ('logSoftmax', F.log_softmax)]:
        results = {}
        for dtype, suffix in [(torch.float32, ''), (torch.float64, '64')]:
            y, (dx,) = weighted_gradients(lambda t, fn=fn: fn(t, dim=-1), [torch.tensor(rows, dtype=dtype)],
                                          row_weighting.to(dtype))
            results['output' + suffix] = flat(y)
            results['gradInput' + suffix] = flat(dx)
        softmax.append({
            'name': name, 'axis': -1, 'shape': list(rows.shape),
            'torch': f'F.{"softmax" if name == "softmax" else "log_softmax"}(x, dim=-1)',
            'input': flat(torch.tensor(rows)), 'weighting': flat(row_weighting), **results,
        })
    # maxout with 2 units of 2 pieces on [x, 0.5]: the pieces are +-Inf, NaN or +-1e30 times a
    # kernel entry, plus a finite part
    mx = torch.tensor([[v, 0.5] for v in NON_FINITE], dtype=torch.float32)
    kernel = torch.tensor([[1.0, -1.0, 0.5, 2.0], [0.3, 0.2, -0.4, 1.0]])
    bias = torch.tensor([0.1, 0.0, -0.2, 0.3])
    mweighting = torch.tensor(rng.uniform(0.5, 1.5, size=(5, 2)).astype(np.float32))

    def maxout(x, kernel, bias):
        return (x @ kernel + bias).reshape(-1, 2, 2).max(dim=-1).values

    y, (dx, dk, db) = weighted_gradients(maxout, [mx, kernel, bias], mweighting)
    maxout_case = {
        'inputs': 2, 'units': 2, 'pieces': 2,
        'torch': '(x @ kernel + bias).reshape(-1, units, pieces).max(dim=-1).values',
        'input': flat(mx), 'kernel': flat(kernel), 'bias': flat(bias), 'weighting': flat(mweighting),
        'output': flat(y), 'gradInput': flat(dx), 'gradKernel': flat(dk), 'gradBias': flat(db),
    }
    return {
        'inputs': [encode(v) for v in NON_FINITE],
        'elementwise': elementwise,
        'prelu': prelu,
        'softmax': softmax,
        'maxout': [maxout_case],
    }


def second_moment_gain(fn):
    z = torch.linspace(-16, 16, 3_200_001, dtype=torch.float64)
    density = torch.exp(-0.5 * z * z) / math.sqrt(2 * math.pi)
    moment = torch.trapz(fn(z) ** 2 * density, z).item()
    return 1 / math.sqrt(moment)


def maxout_gain(pieces):
    z = torch.linspace(-16, 16, 3_200_001, dtype=torch.float64)
    density = torch.exp(-0.5 * z * z) / math.sqrt(2 * math.pi)
    # density of the max of `pieces` independent standard normals: k phi(z) Phi(z)^(k-1)
    max_density = pieces * density * torch.special.ndtr(z) ** (pieces - 1)
    moment = torch.trapz(z * z * max_density, z).item()
    return 1 / math.sqrt(moment)


def gains():
    second_moment = [
        ('elu', {}, lambda z: F.elu(z, 1.0)),
        ('elu', {'alpha': 0.5}, lambda z: F.elu(z, 0.5)),
        ('elu', {'alpha': 2.0}, lambda z: F.elu(z, 2.0)),
        ('gelu', {}, lambda z: F.gelu(z)),
        ('gelu', {'approximate': 'tanh'}, lambda z: F.gelu(z, approximate='tanh')),
        ('silu', {}, F.silu),
        ('mish', {}, F.mish),
        ('softplus', {}, lambda z: F.softplus(z)),
        ('softplus', {'beta': 2}, lambda z: F.softplus(z, beta=2)),
        ('softplus', {'beta': 0.5, 'threshold': 10}, lambda z: F.softplus(z, beta=0.5, threshold=10)),
        ('softsign', {}, F.softsign),
        ('relu6', {}, F.relu6),
        ('hardSigmoid', {}, F.hardsigmoid),
        ('hardSwish', {}, F.hardswish),
        # checks of the criterion against PyTorch's closed forms
        ('relu', {}, F.relu),
        ('leakyRelu', {'alpha': 0.2}, lambda z: F.leaky_relu(z, 0.2)),
    ]
    out = []
    for name, options, fn in second_moment:
        out.append({'name': name, 'options': options, 'gain': second_moment_gain(fn)})
    for threshold in [0.0, 0.5, -1.0]:
        # E[step(Z)^2] = P(Z > t)
        tail = 0.5 * math.erfc(threshold / math.sqrt(2))
        out.append({'name': 'step', 'options': {'threshold': threshold}, 'gain': 1 / math.sqrt(tail)})
    for pieces in [2, 3, 4, 5]:
        out.append({'name': 'maxout', 'options': {'pieces': pieces}, 'gain': maxout_gain(pieces)})
    return out


def calculate_gain():
    init = torch.nn.init
    return [
        {'name': 'sigmoid', 'options': {}, 'gain': init.calculate_gain('sigmoid')},
        {'name': 'tanh', 'options': {}, 'gain': init.calculate_gain('tanh')},
        {'name': 'relu', 'options': {}, 'gain': init.calculate_gain('relu')},
        {'name': 'leakyRelu', 'options': {}, 'gain': init.calculate_gain('leaky_relu', 0.01)},
        {'name': 'leakyRelu', 'options': {'alpha': 0.2}, 'gain': init.calculate_gain('leaky_relu', 0.2)},
        {'name': 'prelu', 'options': {}, 'gain': init.calculate_gain('leaky_relu', 0.25)},
        {'name': 'selu', 'options': {}, 'gain': init.calculate_gain('selu')},
        {'name': 'linear', 'options': {}, 'gain': init.calculate_gain('linear')},
    ]


def main():
    rng = np.random.default_rng(20240607)
    fixture = {
        'generator': 'scripts/golden.py',
        'torch': torch.__version__,
        'numpy': np.__version__,
        'dtype': 'float32',
        'inputs': [float(v) for v in INPUTS],
        'elementwise': elementwise_cases(),
        'prelu': prelu_cases(rng),
        'maxout': maxout_cases(rng),
        'softmax': softmax_cases(rng),
        'gains': gains(),
        'calculateGain': calculate_gain(),
        # its own stream, so adding it left every other value as it was
        'nonFinite': non_finite_cases(np.random.default_rng(19)),
    }
    with open(FIXTURE, 'w') as handle:
        json.dump(fixture, handle, indent=None, separators=(',', ':'))
        handle.write('\n')
    print(f'wrote {os.path.relpath(FIXTURE)}: {len(fixture["elementwise"])} elementwise cases, '
          f'{len(fixture["softmax"])} softmax cases, {len(fixture["gains"])} gains')


if __name__ == '__main__':
    main()
