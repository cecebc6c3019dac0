"""Golden values for @fanin/initializers, written to fixtures/*.json.

Run with the system Python, which has torch 1.13, numpy and mpmath:

    /usr/bin/python3 packages/initializers/scripts/golden.py

- stats.json: erf, erfc, the normal CDF, truncated normal moments and CDF, the Kolmogorov
  distribution and one KS statistic, computed with mpmath at 50 digits (independently of
  the closed forms used in src/stats.ts: moments by numerical integration, the Kolmogorov
  survival by direct summation).
- fans.json: torch.nn.init._calculate_fan_in_and_fan_out on PyTorch-layout shapes
  ([out, in, *kernel]), mapped to fanin's layout ([*kernel, in, out]); cross-checked with
  Keras 3's compute_fans (keras/src/initializers/random_initializers.py), transcribed below.
- gains.json: torch.nn.init.calculate_gain.
- schemes.json: for each scheme, the exact distribution PyTorch (or Keras, for
  varianceScaling) defines for a shape, derived from torch's own fan and gain functions, and
  checked here against a large torch sample drawn by the torch initializer itself.
"""

import json
import math
import os

import mpmath
import numpy as np
import torch

mpmath.mp.dps = 50
HERE = os.path.dirname(os.path.abspath(__file__))
FIXTURES = os.path.join(HERE, '..', 'fixtures')
os.makedirs(FIXTURES, exist_ok=True)


def write(name, data):
    with open(os.path.join(FIXTURES, name), 'w') as f:
        json.dump(data, f, indent=1)
        f.write('\n')


# ---------------------------------------------------------------- stats.json

def phi(x):
    return mpmath.npdf(x)


def Phi(x):
    return mpmath.ncdf(x)


def truncated_moments(bound):
    """E[X^2], E[X^4] of a unit normal truncated to [-b, b], by numerical integration."""
    b = mpmath.mpf(bound)
    mass = mpmath.quad(phi, [-b, 0, b])
    m2 = mpmath.quad(lambda t: t ** 2 * phi(t), [-b, 0, b]) / mass
    m4 = mpmath.quad(lambda t: t ** 4 * phi(t), [-b, 0, b]) / mass
    return m2, m4


def kolmogorov_survival(lam):
    lam = mpmath.mpf(lam)
    return 2 * mpmath.nsum(lambda k: (-1) ** (k - 1) * mpmath.exp(-2 * k * k * lam * lam), [1, mpmath.inf])


erf_points = [-6, -4, -3, -2.5, -2.4999, -1, -0.5, -1e-3, 0, 1e-8, 0.1, 0.5, 1, 1.5, 2, 2.4999,
              2.5, 2.5001, 3, 4, 5, 6, 8, 10, 20, 26.5]
cdf_points = [-37, -20, -10, -5, -3, -1.96, -1, -0.5, 0, 0.5, 1, 1.6448536269514722, 1.96, 3, 5, 8]
bounds = [0.01, 0.5, 1, 2, 3, 5]
kolmogorov_points = [0.3, 0.5, 0.8, 1.0, 1.17, 1.19, 1.3581, 1.6276, 1.9495, 2.5]

rng = np.random.default_rng(0)
ks_sample = rng.standard_normal(1000)
sorted_sample = np.sort(ks_sample)
n = len(sorted_sample)
cdf_values = [Phi(mpmath.mpf(float(v))) for v in sorted_sample]
ks_d = max(max(mpmath.mpf(i + 1) / n - f, f - mpmath.mpf(i) / n) for i, f in enumerate(cdf_values))
# The same sample against N(0, 1.1^2): a wrong standard deviation.
cdf_wide = [Phi(mpmath.mpf(float(v)) / mpmath.mpf('1.1')) for v in sorted_sample]
ks_d_wide = max(max(mpmath.mpf(i + 1) / n - f, f - mpmath.mpf(i) / n) for i, f in enumerate(cdf_wide))

truncated = []
for b in bounds:
    m2, m4 = truncated_moments(b)
    mass = Phi(b) - Phi(-b)
    points = [-b, -b / 2, 0, b / 3, b]
    truncated.append({
        'bound': b,
        'std': float(mpmath.sqrt(m2)),
        'secondMoment': float(m2),
        'fourthMoment': float(m4),
        'cdf': [[p, float((Phi(p) - Phi(-b)) / mass)] for p in points],
    })

# torch's trunc_normal_ (mean 0, std 1, a = -b, b = b) against the integrated variance.
torch.manual_seed(0)
for entry in truncated:
    b = entry['bound']
    sample = torch.empty(2_000_000, dtype=torch.float64)
    torch.nn.init.trunc_normal_(sample, 0.0, 1.0, -b, b)
    empirical = sample.var().item()
    assert abs(empirical / entry['secondMoment'] - 1) < 0.01, (b, empirical, entry['secondMoment'])

write('stats.json', {
    'erf': [[x, float(mpmath.erf(x)), float(mpmath.erfc(x))] for x in erf_points],
    'normalCdf': [[x, float(Phi(x))] for x in cdf_points],
    'truncatedNormal': truncated,
    'kolmogorovSurvival': [[x, float(kolmogorov_survival(x))] for x in kolmogorov_points],
    'ks': {
        'sample': [float(v) for v in ks_sample],
        'statisticStandardNormal': float(ks_d),
        'statisticNormalStd1.1': float(ks_d_wide),
    },
})

# ---------------------------------------------------------------- fans.json

def to_fanin_layout(torch_shape):
    """PyTorch [out, in, *kernel] -> fanin/Keras [*kernel, in, out]."""
    if len(torch_shape) == 2:
        return [torch_shape[1], torch_shape[0]]
    return list(torch_shape[2:]) + [torch_shape[1], torch_shape[0]]


def keras_compute_fans(shape):
    """keras/src/initializers/random_initializers.py compute_fans, for rank >= 2."""
    if len(shape) == 2:
        return shape[0], shape[1]
    receptive = 1
    for d in shape[:-2]:
        receptive *= d
    return shape[-2] * receptive, shape[-1] * receptive


fan_cases = []
for label, torch_shape in [
    ('Linear(784, 100)', [100, 784]),
    ('Linear(3, 1)', [1, 3]),
    ('Conv1d(16, 32, 7)', [32, 16, 7]),
    ('Conv2d(3, 64, (5, 3))', [64, 3, 5, 3]),
    ('Conv3d(8, 4, (3, 2, 2))', [4, 8, 3, 2, 2]),
]:
    fan_in, fan_out = torch.nn.init._calculate_fan_in_and_fan_out(torch.empty(torch_shape))
    shape = to_fanin_layout(torch_shape)
    assert keras_compute_fans(shape) == (fan_in, fan_out), (label, shape)
    fan_cases.append({'layer': label, 'torchShape': torch_shape, 'shape': shape, 'fanIn': fan_in, 'fanOut': fan_out})
write('fans.json', fan_cases)

# ---------------------------------------------------------------- gains.json

gain_cases = []
for nonlinearity, param in [
    ('linear', None), ('conv1d', None), ('conv2d', None), ('conv3d', None),
    ('conv_transpose1d', None), ('conv_transpose2d', None), ('conv_transpose3d', None),
    ('sigmoid', None), ('tanh', None), ('relu', None), ('leaky_relu', None),
    ('leaky_relu', 0.2), ('leaky_relu', 0.0), ('leaky_relu', math.sqrt(5)), ('selu', None),
]:
    gain_cases.append({'nonlinearity': nonlinearity, 'param': param,
                       'gain': torch.nn.init.calculate_gain(nonlinearity, param)})
write('gains.json', gain_cases)

# ---------------------------------------------------------------- schemes.json

TRUNCATED_STD_AT_2 = 0.87962566103423978  # Keras: std of a unit normal truncated to +-2
DENSE = [500, 400]  # torch [out, in]: fanin [400, 500], 200 000 values
CONV = [128, 64, 5, 5]  # torch [out, in, kh, kw]: fanin [5, 5, 64, 128], 204 800 values


def fans(torch_shape):
    return torch.nn.init._calculate_fan_in_and_fan_out(torch.empty(torch_shape))


def torch_case(config, torch_shape, reference, draw, distribution):
    """A scheme PyTorch defines: the distribution comes from torch's own fan and gain functions."""
    torch.manual_seed(1)
    w = torch.empty(torch_shape, dtype=torch.float64)
    draw(w)
    return {
        'config': config,
        'reference': reference,
        'shape': to_fanin_layout(torch_shape),
        'distribution': distribution,
        'torchSample': {'mean': w.mean().item(), 'std': w.std().item(), 'min': w.min().item(), 'max': w.max().item()},
    }


def gain(nonlinearity, param=None):
    return torch.nn.init.calculate_gain(nonlinearity, param)


def kaiming_std(torch_shape, a=0.0, mode='fan_in', nonlinearity='leaky_relu'):
    fan = torch.nn.init._calculate_correct_fan(torch.empty(torch_shape), mode)
    return gain(nonlinearity, a) / math.sqrt(fan)


cases = []

fi, fo = fans(DENSE)
std = math.sqrt(2.0 / (fi + fo))
cases.append(torch_case({'type': 'glorotUniform'}, DENSE, 'torch.nn.init.xavier_uniform_(w)',
                        torch.nn.init.xavier_uniform_,
                        {'type': 'uniform', 'min': -math.sqrt(3) * std, 'max': math.sqrt(3) * std}))
cases.append(torch_case({'type': 'glorotNormal'}, DENSE, 'torch.nn.init.xavier_normal_(w)',
                        torch.nn.init.xavier_normal_, {'type': 'normal', 'mean': 0, 'std': std}))
fi, fo = fans(CONV)
std = 2 * math.sqrt(2.0 / (fi + fo))
cases.append(torch_case({'type': 'xavierUniform', 'gain': 2}, CONV, 'torch.nn.init.xavier_uniform_(w, gain=2)',
                        lambda w: torch.nn.init.xavier_uniform_(w, gain=2),
                        {'type': 'uniform', 'min': -math.sqrt(3) * std, 'max': math.sqrt(3) * std}))
std = 0.5 * math.sqrt(2.0 / (fi + fo))
cases.append(torch_case({'type': 'xavierNormal', 'gain': 0.5}, CONV, 'torch.nn.init.xavier_normal_(w, gain=0.5)',
                        lambda w: torch.nn.init.xavier_normal_(w, gain=0.5), {'type': 'normal', 'mean': 0, 'std': std}))

std = kaiming_std(DENSE)
cases.append(torch_case({'type': 'heNormal'}, DENSE, 'torch.nn.init.kaiming_normal_(w)',
                        torch.nn.init.kaiming_normal_, {'type': 'normal', 'mean': 0, 'std': std}))
cases.append(torch_case({'type': 'heUniform'}, DENSE, 'torch.nn.init.kaiming_uniform_(w)',
                        torch.nn.init.kaiming_uniform_,
                        {'type': 'uniform', 'min': -math.sqrt(3) * std, 'max': math.sqrt(3) * std}))
std = kaiming_std(CONV, a=0.2, mode='fan_out')
cases.append(torch_case({'type': 'kaimingNormal', 'mode': 'fanOut', 'negativeSlope': 0.2}, CONV,
                        "torch.nn.init.kaiming_normal_(w, a=0.2, mode='fan_out')",
                        lambda w: torch.nn.init.kaiming_normal_(w, a=0.2, mode='fan_out'),
                        {'type': 'normal', 'mean': 0, 'std': std}))
std = kaiming_std(DENSE, a=math.sqrt(5))
cases.append(torch_case({'type': 'kaimingUniform', 'negativeSlope': math.sqrt(5)}, DENSE,
                        'torch.nn.init.kaiming_uniform_(w, a=math.sqrt(5))  (nn.Linear default: U(+-1/sqrt(fan_in)))',
                        lambda w: torch.nn.init.kaiming_uniform_(w, a=math.sqrt(5)),
                        {'type': 'uniform', 'min': -math.sqrt(3) * std, 'max': math.sqrt(3) * std}))
assert abs(math.sqrt(3) * std - 1 / math.sqrt(fans(DENSE)[0])) < 1e-12
# nonlinearity: the gain comes from the activation's metadata (calculateGain)
std = kaiming_std(DENSE, nonlinearity='tanh')
cases.append(torch_case({'type': 'heNormal', 'nonlinearity': 'tanh'}, DENSE,
                        "torch.nn.init.kaiming_normal_(w, nonlinearity='tanh')",
                        lambda w: torch.nn.init.kaiming_normal_(w, nonlinearity='tanh'),
                        {'type': 'normal', 'mean': 0, 'std': std}))
std = kaiming_std(CONV, a=0.2, mode='fan_out')
cases.append(torch_case({'type': 'heUniform', 'mode': 'fanOut', 'nonlinearity': {'type': 'leakyRelu', 'alpha': 0.2}},
                        CONV, "torch.nn.init.kaiming_uniform_(w, a=0.2, mode='fan_out', nonlinearity='leaky_relu')",
                        lambda w: torch.nn.init.kaiming_uniform_(w, a=0.2, mode='fan_out'),
                        {'type': 'uniform', 'min': -math.sqrt(3) * std, 'max': math.sqrt(3) * std}))
std = kaiming_std(CONV, mode='fan_in', nonlinearity='linear')
cases.append(torch_case({'type': 'lecunNormal'}, CONV, "torch.nn.init.kaiming_normal_(w, nonlinearity='linear')",
                        lambda w: torch.nn.init.kaiming_normal_(w, nonlinearity='linear'),
                        {'type': 'normal', 'mean': 0, 'std': std}))
std = kaiming_std(DENSE, mode='fan_in', nonlinearity='linear')
cases.append(torch_case({'type': 'lecunUniform'}, DENSE, "torch.nn.init.kaiming_uniform_(w, nonlinearity='linear')",
                        lambda w: torch.nn.init.kaiming_uniform_(w, nonlinearity='linear'),
                        {'type': 'uniform', 'min': -math.sqrt(3) * std, 'max': math.sqrt(3) * std}))

cases.append(torch_case({'type': 'normal', 'mean': 0.5, 'std': 0.01}, DENSE, 'torch.nn.init.normal_(w, 0.5, 0.01)',
                        lambda w: torch.nn.init.normal_(w, 0.5, 0.01), {'type': 'normal', 'mean': 0.5, 'std': 0.01}))
cases.append(torch_case({'type': 'uniform', 'min': -0.1, 'max': 0.3}, DENSE, 'torch.nn.init.uniform_(w, -0.1, 0.3)',
                        lambda w: torch.nn.init.uniform_(w, -0.1, 0.3), {'type': 'uniform', 'min': -0.1, 'max': 0.3}))
cases.append(torch_case({'type': 'truncatedNormal'}, DENSE, 'torch.nn.init.trunc_normal_(w)  (mean 0, std 1, a=-2, b=2)',
                        torch.nn.init.trunc_normal_, {'type': 'truncatedNormal', 'mean': 0, 'std': 1, 'bound': 2}))
cases.append(torch_case({'type': 'truncatedNormal', 'mean': 0.1, 'std': 0.02, 'bound': 2}, CONV,
                        'torch.nn.init.trunc_normal_(w, 0.1, 0.02, a=0.06, b=0.14)',
                        lambda w: torch.nn.init.trunc_normal_(w, 0.1, 0.02, 0.06, 0.14),
                        {'type': 'truncatedNormal', 'mean': 0.1, 'std': 0.02, 'bound': 2}))
cases.append(torch_case({'type': 'truncatedNormal', 'std': 3, 'bound': 0.5}, DENSE,
                        'torch.nn.init.trunc_normal_(w, 0, 3, a=-1.5, b=1.5)',
                        lambda w: torch.nn.init.trunc_normal_(w, 0, 3, -1.5, 1.5),
                        {'type': 'truncatedNormal', 'mean': 0, 'std': 3, 'bound': 0.5}))


def keras_case(config, torch_shape, reference, scale, mode, distribution):
    """keras.initializers.VarianceScaling (keras/src/initializers/random_initializers.py):
    n = fan by mode (max(1, n)); truncated_normal: stddev = sqrt(scale / n) / 0.87962566103423978,
    re-drawn beyond 2 stddev; untruncated_normal: stddev = sqrt(scale / n); uniform:
    limit = sqrt(3 * scale / n). fan_geo_avg (JAX's variance_scaling) is sqrt(fan_in * fan_out)."""
    fi, fo = fans(torch_shape)
    n = {'fan_in': fi, 'fan_out': fo, 'fan_avg': (fi + fo) / 2, 'fan_geo_avg': math.sqrt(fi * fo)}[mode]
    n = max(1.0, n)
    if distribution == 'truncated_normal':
        std = math.sqrt(scale / n) / TRUNCATED_STD_AT_2
        spec = {'type': 'truncatedNormal', 'mean': 0, 'std': std, 'bound': 2}
        draw = lambda w: torch.nn.init.trunc_normal_(w, 0, std, -2 * std, 2 * std)
    elif distribution == 'untruncated_normal':
        std = math.sqrt(scale / n)
        spec = {'type': 'normal', 'mean': 0, 'std': std}
        draw = lambda w: torch.nn.init.normal_(w, 0, std)
    else:
        limit = math.sqrt(3 * scale / n)
        spec = {'type': 'uniform', 'min': -limit, 'max': limit}
        draw = lambda w: torch.nn.init.uniform_(w, -limit, limit)
    case = torch_case(config, torch_shape, reference, draw, spec)
    # the variance promised by the formula, whatever the distribution
    case['variance'] = scale / n
    return case


cases.append(keras_case({'type': 'varianceScaling'}, DENSE, 'keras.initializers.VarianceScaling()',
                        1.0, 'fan_in', 'truncated_normal'))
cases.append(keras_case({'type': 'varianceScaling', 'scale': 2, 'mode': 'fanAvg', 'distribution': 'normal'}, CONV,
                        "keras.initializers.VarianceScaling(2.0, 'fan_avg', 'untruncated_normal')",
                        2.0, 'fan_avg', 'untruncated_normal'))
cases.append(keras_case({'type': 'varianceScaling', 'scale': 3, 'mode': 'fanOut', 'distribution': 'uniform'}, CONV,
                        "keras.initializers.VarianceScaling(3.0, 'fan_out', 'uniform')",
                        3.0, 'fan_out', 'uniform'))
cases.append(keras_case({'type': 'varianceScaling', 'mode': 'fanGeoAvg'}, DENSE,
                        "jax.nn.initializers.variance_scaling(1.0, 'fan_geo_avg', 'truncated_normal')",
                        1.0, 'fan_geo_avg', 'truncated_normal'))
cases.append(keras_case({'type': 'varianceScaling', 'scale': 2, 'mode': 'fanIn', 'distribution': 'truncatedNormal'},
                        CONV, 'keras.initializers.HeNormal()', 2.0, 'fan_in', 'truncated_normal'))
cases.append(keras_case({'type': 'varianceScaling', 'scale': 1, 'mode': 'fanAvg', 'distribution': 'truncatedNormal'},
                        DENSE, 'keras.initializers.GlorotNormal()', 1.0, 'fan_avg', 'truncated_normal'))

for case in cases:
    d = case['distribution']
    if d['type'] == 'normal':
        expected_std = d['std']
    elif d['type'] == 'uniform':
        expected_std = (d['max'] - d['min']) / math.sqrt(12)
    else:
        m2, _ = truncated_moments(d['bound'])
        expected_std = d['std'] * float(mpmath.sqrt(m2))
    case['expectedStd'] = expected_std
    empirical = case['torchSample']['std']
    assert abs(empirical / expected_std - 1) < 0.01, (case['reference'], empirical, expected_std)
    if 'variance' in case:  # Keras: the truncated normal keeps the promised variance
        assert abs(expected_std ** 2 / case['variance'] - 1) < 1e-9, case['reference']

write('schemes.json', cases)
print('wrote', ', '.join(sorted(os.listdir(FIXTURES))))

# ---------------------------------------------------------------- pretrained.safetensors

def write_safetensors(path, tensors):
    """The safetensors format, written by hand (the safetensors package is not installed):
    8-byte little-endian header length, JSON header padded with spaces to a multiple of 8,
    then the raw little-endian float32 data in header order."""
    header = {}
    chunks = []
    offset = 0
    for name in sorted(tensors):
        data = tensors[name].detach().to(torch.float32).contiguous().numpy().astype('<f4').tobytes()
        header[name] = {'dtype': 'F32', 'shape': list(tensors[name].shape), 'data_offsets': [offset, offset + len(data)]}
        chunks.append(data)
        offset += len(data)
    text = json.dumps(header, separators=(',', ':')).encode()
    text += b' ' * ((8 - len(text) % 8) % 8)
    with open(path, 'wb') as f:
        f.write(len(text).to_bytes(8, 'little'))
        f.write(text)
        for chunk in chunks:
            f.write(chunk)


# PyTorch modules saved in PyTorch's layout under fanin's parameter names, as someone
# exporting a torch model for fanin would: load with layout "pytorch".
torch.manual_seed(3)
linear = torch.nn.Linear(4, 3)
conv = torch.nn.Conv2d(2, 3, (3, 2))
stored = {
    'encoder.0.kernel': linear.weight,  # [out 3, in 4]
    'encoder.0.bias': linear.bias,
    'encoder.conv.kernel': conv.weight,  # [out 3, in 2, kh 3, kw 2]
}
write_safetensors(os.path.join(FIXTURES, 'pretrained-pytorch.safetensors'), stored)
write('pretrained-pytorch.json', {
    # the values in fanin's layout, flattened row-major
    'encoder.0.kernel': {'shape': [4, 3], 'values': linear.weight.detach().T.contiguous().flatten().tolist()},
    'encoder.0.bias': {'shape': [3], 'values': linear.bias.detach().flatten().tolist()},
    'encoder.conv.kernel': {'shape': [3, 2, 2, 3],
                            'values': conv.weight.detach().permute(2, 3, 1, 0).contiguous().flatten().tolist()},
})
print('wrote pretrained-pytorch.safetensors')
