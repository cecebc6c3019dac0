"""Golden values for @fanin/normalization, computed with PyTorch in float64.

Run from the package directory with the system Python (torch 1.13, numpy):

    /usr/bin/python3 scripts/golden.py

Writes one JSON file per normalizer under fixtures/. Every case runs three training steps
with different batches (outputs, input and parameter gradients of sum(output * weighting),
running statistics after each step) and then one inference step. Inputs, weightings and
parameters are drawn in float32 so that the TypeScript tests feed exactly the same numbers;
the reference itself is computed in float64, so the comparison measures fanin's float32
error only.

Layouts: fanin is channels-last ([N, C], [N, L, C], [N, H, W, C]); PyTorch's BatchNorm,
GroupNorm and InstanceNorm are channels-first, so inputs are permuted to [N, C, ...] before
the call and outputs and gradients are permuted back. A case with "axis": 1 feeds the
channels-first tensor to both libraries unchanged. LayerNorm and the RMS norm act on the
trailing axes, so they take the channels-last tensor as it is.

Options PyTorch 1.13 lacks are emulated with PyTorch ops and said so in the case's "reference":
- scale: false / center: false: the affine weight is fixed at 1 / the bias at 0 (no gradient);
- runningVariance: "biased": the running variance is updated with the biased batch variance
  (PyTorch always stores the unbiased one), computed here from the same batch;
- RMS norm: torch.nn.RMSNorm arrived in 2.4, so it is written out as
  x / sqrt(mean(x^2 over the last k axes) + eps) * gamma (+ beta).
"""

import json
import os

import numpy as np
import torch

torch.set_default_dtype(torch.float64)
HERE = os.path.dirname(os.path.abspath(__file__))
FIXTURES = os.path.join(HERE, '..', 'fixtures')
TRAINING_STEPS = 3


def rounded(array):
    """Flat list with 10 significant digits (far below the float32 tolerance of the tests)."""
    return [float(f'{v:.10g}') for v in np.asarray(array, dtype=np.float64).reshape(-1)]


def as_float32(array):
    return np.asarray(array, dtype=np.float32).astype(np.float64)


def channels_first(array, rank):
    """[N, ..., C] -> [N, C, ...]."""
    return np.transpose(array, [0, rank - 1, *range(1, rank - 1)])


def channels_last(array, rank):
    """[N, C, ...] -> [N, ..., C]."""
    return np.transpose(array, [0, *range(2, rank), 1])


def batches(rng, shape, channels_axis):
    """Inputs whose channels have different means and scales, so running statistics move."""
    channels = shape[channels_axis]
    mean = rng.uniform(-2, 2, size=channels)
    scale = rng.uniform(0.5, 3, size=channels)
    view = [1] * len(shape)
    view[channels_axis] = channels
    for _ in range(TRAINING_STEPS + 1):
        yield as_float32(rng.standard_normal(shape) * scale.reshape(view) + mean.reshape(view))


def affine_parameters(rng, shape, center, scale):
    out = {}
    if scale:
        out['gamma'] = as_float32(1 + 0.5 * rng.standard_normal(shape))
    if center:
        out['beta'] = as_float32(0.3 * rng.standard_normal(shape))
    return out


def run_case(name, normalizer, options, input_shape, make, seed, parameter_shape, state_names=(), channels_axis=-1, reference='PyTorch'):
    """make(parameters) -> (forward(x, training) -> y, state() -> dict of arrays).

    x and y are numpy arrays in fanin's layout; forward runs PyTorch in float64 and returns
    torch tensors so gradients can be taken.
    """
    rng = np.random.default_rng(seed)
    center = options.get('center', normalizer not in ('instanceNorm', 'rmsNorm'))
    scale = options.get('scale', normalizer != 'instanceNorm')
    parameters = affine_parameters(rng, parameter_shape, center, scale)
    torch_parameters = {k: torch.tensor(v, requires_grad=True) for k, v in parameters.items()}
    forward, state = make(torch_parameters)
    steps = []
    axis = channels_axis % len(input_shape)
    for index, x in enumerate(batches(rng, input_shape, axis)):
        training = index < TRAINING_STEPS
        weighting = as_float32(rng.standard_normal(input_shape))
        x_torch = torch.tensor(x, requires_grad=True)
        for p in torch_parameters.values():
            p.grad = None
        y = forward(x_torch, training)
        (y * torch.tensor(weighting)).sum().backward()
        step = {
            'training': training,
            'input': rounded(x),
            'weighting': rounded(weighting),
            'output': rounded(y.detach().numpy()),
            'inputGradient': rounded(x_torch.grad.numpy()),
            'parameterGradients': {k: rounded(p.grad.numpy()) for k, p in torch_parameters.items()},
        }
        if state_names:
            step['state'] = {k: rounded(v) for k, v in state().items()}
        steps.append(step)
    return {
        'name': name,
        'options': options,
        'reference': reference,
        'inputShape': list(input_shape),
        'parameters': {k: {'shape': list(v.shape), 'values': rounded(v)} for k, v in parameters.items()},
        'steps': steps,
    }


def affine_tensors(parameters, channels):
    weight = parameters.get('gamma', torch.ones(channels))
    bias = parameters.get('beta', torch.zeros(channels))
    return weight, bias


# ---------------------------------------------------------------------------- batch norm


def batch_norm_case(name, options, input_shape, seed):
    axis = options.get('axis', -1) % len(input_shape)
    rank = len(input_shape)
    channels = input_shape[axis]
    if 'decay' in options:
        momentum = 1 - options['decay']
    else:
        momentum = options.get('momentum', 0.1)
    eps = options.get('epsilon', 1e-5)
    biased = options.get('runningVariance', 'unbiased') == 'biased'

    def make(parameters):
        running = {'runningMean': torch.zeros(channels), 'runningVar': torch.ones(channels)}
        weight, bias = affine_tensors(parameters, channels)

        def to_torch(x):
            # PyTorch normalizes over dim 1: move the channel axis there.
            if axis == 1:
                return x
            return x.permute(0, rank - 1, *range(1, rank - 1))

        def from_torch(y):
            if axis == 1:
                return y
            return y.permute(0, *range(2, rank), 1)

        def forward(x, training):
            xt = to_torch(x)
            if training and biased:
                dims = [d for d in range(rank) if d != 1]
                batch_mean = xt.detach().mean(dim=dims)
                batch_var = xt.detach().var(dim=dims, unbiased=False)
                y = torch.nn.functional.batch_norm(xt, None, None, weight, bias, True, momentum, eps)
                running['runningMean'] = (1 - momentum) * running['runningMean'] + momentum * batch_mean
                running['runningVar'] = (1 - momentum) * running['runningVar'] + momentum * batch_var
            else:
                y = torch.nn.functional.batch_norm(xt, running['runningMean'], running['runningVar'], weight, bias, training, momentum, eps)
            return from_torch(y)

        return forward, lambda: {k: v.numpy() for k, v in running.items()}

    reference = 'PyTorch F.batch_norm'
    if biased:
        reference += '; running variance updated with the biased batch variance (not a PyTorch option)'
    return run_case(name, 'batchNorm', options, input_shape, make, seed, [channels], ('runningMean', 'runningVar'), channels_axis=axis, reference=reference)


def batch_norm_fixture():
    return [
        batch_norm_case('dense [N, C], defaults', {}, [8, 6], 1),
        batch_norm_case('conv [N, H, W, C], momentum 0.3, epsilon 1e-3', {'momentum': 0.3, 'epsilon': 1e-3}, [4, 3, 5, 6], 2),
        batch_norm_case('channels-first conv [N, C, H, W], axis 1, decay 0.8', {'axis': 1, 'decay': 0.8}, [4, 6, 3, 5], 3),
        batch_norm_case('sequence [N, C, L], axis 1', {'axis': 1}, [5, 4, 7], 4),
        batch_norm_case('dense, biased running variance', {'runningVariance': 'biased'}, [8, 6], 5),
        batch_norm_case('dense, scale false', {'scale': False}, [8, 6], 6),
        batch_norm_case('conv, center false', {'center': False}, [4, 3, 5, 6], 7),
        batch_norm_case('dense, center and scale false', {'center': False, 'scale': False}, [8, 6], 8),
    ]


# ---------------------------------------------------------------------------- layer norm


def layer_norm_case(name, options, input_shape, seed):
    k = options.get('axes', 1)
    eps = options.get('epsilon', 1e-5)
    normalized_shape = input_shape[-k:]

    def make(parameters):
        def forward(x, training):
            weight = parameters.get('gamma', torch.ones(normalized_shape))
            bias = parameters.get('beta', torch.zeros(normalized_shape))
            return torch.nn.functional.layer_norm(x, normalized_shape, weight, bias, eps)

        return forward, dict

    return run_case(name, 'layerNorm', options, input_shape, make, seed, normalized_shape, reference='PyTorch F.layer_norm on the channels-last tensor')


def layer_norm_fixture():
    return [
        layer_norm_case('dense [N, C], defaults', {}, [8, 6], 11),
        layer_norm_case('sequence [N, T, C], last axis', {}, [3, 5, 6], 12),
        layer_norm_case('sequence [N, T, C], axes 2, epsilon 1e-3', {'axes': 2, 'epsilon': 1e-3}, [3, 5, 6], 13),
        layer_norm_case('conv [N, H, W, C], axes 3', {'axes': 3}, [3, 4, 5, 6], 14),
        layer_norm_case('dense, center false', {'center': False}, [8, 6], 15),
        layer_norm_case('conv, no affine', {'center': False, 'scale': False}, [3, 4, 5, 6], 16),
    ]


# ---------------------------------------------------------------------------- group norm


def group_norm_case(name, options, input_shape, seed):
    groups = options.get('groups', 32)
    eps = options.get('epsilon', 1e-5)
    rank = len(input_shape)
    channels = input_shape[-1]

    def make(parameters):
        weight, bias = affine_tensors(parameters, channels)

        def forward(x, training):
            xt = x.permute(0, rank - 1, *range(1, rank - 1))
            y = torch.nn.functional.group_norm(xt, groups, weight, bias, eps)
            return y.permute(0, *range(2, rank), 1)

        return forward, dict

    return run_case(name, 'groupNorm', options, input_shape, make, seed, [channels], reference='PyTorch F.group_norm on the channels-first tensor')


def group_norm_fixture():
    return [
        # At least 4 values per group: with 2, x_hat is +-1 whatever x is, the true input
        # gradient is O(epsilon) and any float32 implementation (PyTorch's included) gets it
        # from a cancellation of O(1) terms, so the comparison would measure only rounding.
        group_norm_case('dense [N, C], 3 groups', {'groups': 3}, [8, 12], 21),
        group_norm_case('conv [N, H, W, C], 4 groups', {'groups': 4}, [3, 4, 5, 8], 22),
        group_norm_case('conv, 1 group (layer norm over H, W, C)', {'groups': 1, 'epsilon': 1e-3}, [3, 4, 5, 8], 23),
        group_norm_case('conv, 8 groups (instance norm)', {'groups': 8}, [3, 4, 5, 8], 24),
        group_norm_case('sequence [N, L, C], 2 groups, scale false', {'groups': 2, 'scale': False}, [4, 7, 6], 25),
    ]


# ---------------------------------------------------------------------------- instance norm


def instance_norm_case(name, options, input_shape, seed):
    eps = options.get('epsilon', 1e-5)
    momentum = 1 - options['decay'] if 'decay' in options else options.get('momentum', 0.1)
    track = options.get('trackRunningStats', False)
    rank = len(input_shape)
    channels = input_shape[-1]

    def make(parameters):
        running = {'runningMean': torch.zeros(channels), 'runningVar': torch.ones(channels)}
        weight = parameters.get('gamma')
        bias = parameters.get('beta')
        if (weight is None) != (bias is None):
            weight, bias = affine_tensors(parameters, channels)

        def forward(x, training):
            xt = x.permute(0, rank - 1, *range(1, rank - 1))
            use_input_stats = training or not track
            y = torch.nn.functional.instance_norm(
                xt,
                running['runningMean'] if track else None,
                running['runningVar'] if track else None,
                weight,
                bias,
                use_input_stats,
                momentum,
                eps,
            )
            return y.permute(0, *range(2, rank), 1)

        return forward, lambda: {k: v.numpy() for k, v in running.items()}

    return run_case(
        name,
        'instanceNorm',
        options,
        input_shape,
        make,
        seed,
        [channels],
        ('runningMean', 'runningVar') if track else (),
        reference='PyTorch F.instance_norm on the channels-first tensor',
    )


def instance_norm_fixture():
    return [
        instance_norm_case('conv [N, H, W, C], defaults (no affine, no running statistics)', {}, [3, 4, 5, 6], 31),
        instance_norm_case('conv, affine', {'center': True, 'scale': True}, [3, 4, 5, 6], 32),
        instance_norm_case(
            'conv, affine, running statistics, momentum 0.2',
            {'center': True, 'scale': True, 'trackRunningStats': True, 'momentum': 0.2},
            [3, 4, 5, 6],
            33,
        ),
        instance_norm_case('sequence [N, L, C], scale only', {'scale': True}, [4, 7, 6], 34),
        instance_norm_case('sequence [N, L, C], running statistics, decay 0.9', {'trackRunningStats': True, 'decay': 0.9}, [4, 7, 6], 35),
    ]


# ---------------------------------------------------------------------------- RMS norm


def rms_norm_case(name, options, input_shape, seed):
    k = options.get('axes', 1)
    eps = options.get('epsilon', 1e-6)
    normalized_shape = input_shape[-k:]
    dims = list(range(len(input_shape) - k, len(input_shape)))

    def make(parameters):
        def forward(x, training):
            y = x * torch.rsqrt(x.pow(2).mean(dim=dims, keepdim=True) + eps)
            if 'gamma' in parameters:
                y = y * parameters['gamma']
            if 'beta' in parameters:
                y = y + parameters['beta']
            return y

        return forward, dict

    return run_case(
        name,
        'rmsNorm',
        options,
        input_shape,
        make,
        seed,
        normalized_shape,
        reference='x * rsqrt(mean(x^2) + eps) * gamma written with PyTorch ops (torch.nn.RMSNorm is not in 1.13)',
    )


def rms_norm_fixture():
    return [
        rms_norm_case('dense [N, C], defaults', {}, [8, 6], 41),
        rms_norm_case('conv [N, H, W, C], last axis', {}, [3, 4, 5, 6], 42),
        rms_norm_case('sequence [N, T, C], axes 2, center true', {'axes': 2, 'center': True}, [3, 5, 6], 43),
        rms_norm_case('dense, no affine, epsilon 1e-5', {'scale': False, 'epsilon': 1e-5}, [8, 6], 44),
    ]


def main():
    os.makedirs(FIXTURES, exist_ok=True)
    fixtures = {
        'batch-norm': ('batchNorm', batch_norm_fixture),
        'layer-norm': ('layerNorm', layer_norm_fixture),
        'group-norm': ('groupNorm', group_norm_fixture),
        'instance-norm': ('instanceNorm', instance_norm_fixture),
        'rms-norm': ('rmsNorm', rms_norm_fixture),
    }
    for file, (normalizer, build) in fixtures.items():
        data = {
            'generator': f'scripts/golden.py with torch {torch.__version__}, float64',
            'normalizer': normalizer,
            'objective': 'gradients are of sum(output * weighting)',
            'cases': build(),
        }
        path = os.path.join(FIXTURES, f'{file}.json')
        with open(path, 'w') as handle:
            json.dump(data, handle, separators=(',', ':'))
            handle.write('\n')
        print(f'wrote {os.path.relpath(path)} ({len(data["cases"])} cases)')


if __name__ == '__main__':
    main()
