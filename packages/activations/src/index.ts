/**
 * @fanin/activations: every activation function, exact and differentiable, checked against
 * PyTorch. This file is the package's table of contents: the plain tensor functions, the two
 * modules with parameters, and the plugin object that registers them all by name.
 *
 * ```ts
 * import { createRegistry } from '@fanin/core';
 * import { activations } from '@fanin/activations';
 *
 * const fanin = createRegistry({ plugins: [activations] });
 * const act = fanin.activation('leakyRelu', { alpha: 0.1 });
 * ```
 */
import { definePlugin } from '@fanin/core';
import { eluActivation } from './elu.js';
import { geluActivation } from './gelu.js';
import { hardSigmoidActivation } from './hard-sigmoid.js';
import { hardSwishActivation } from './hard-swish.js';
import { leakyReluActivation } from './leaky-relu.js';
import { linearActivation } from './linear.js';
import { logSoftmaxActivation } from './log-softmax.js';
import { maxoutActivation } from './maxout.js';
import { mishActivation } from './mish.js';
import { preluActivation } from './prelu.js';
import { reluActivation } from './relu.js';
import { relu6Activation } from './relu6.js';
import { seluActivation } from './selu.js';
import { sigmoidActivation } from './sigmoid.js';
import { siluActivation } from './silu.js';
import { softmaxActivation } from './softmax.js';
import { softplusActivation } from './softplus.js';
import { softsignActivation } from './softsign.js';
import { stepActivation } from './step.js';
import { tanhActivation } from './tanh.js';

// Plain tensor functions
export { elu } from './elu.js';
// Gains of the activations PyTorch's calculate_gain does not cover
export { normalExpectation, secondMomentGain } from './gain.js';
export { gelu } from './gelu.js';
export { hardSigmoid } from './hard-sigmoid.js';
export { hardSwish } from './hard-swish.js';
export { leakyRelu } from './leaky-relu.js';
export { linear } from './linear.js';
export { logSoftmax } from './log-softmax.js';
// Modules with parameters
export { Maxout, type MaxoutOptions, maxout, maxoutSecondMoment } from './maxout.js';
export { mish } from './mish.js';
export { Prelu, type PreluOptions, prelu } from './prelu.js';
export { relu } from './relu.js';
export { relu6 } from './relu6.js';
export { SELU_ALPHA, SELU_SCALE, selu } from './selu.js';
export { sigmoid } from './sigmoid.js';
export { silu } from './silu.js';
export { softmax } from './softmax.js';
export { softplus } from './softplus.js';
export { softsign } from './softsign.js';
export { step } from './step.js';
export { tanh } from './tanh.js';

/**
 * The plugin: every activation by name, with validated options and metadata (range, gain,
 * recommended initializer...). Register it explicitly:
 * `createRegistry({ plugins: [activations] })`.
 */
export const activations = definePlugin({
  name: '@fanin/activations',
  activations: {
    elu: eluActivation,
    gelu: geluActivation,
    hardSigmoid: hardSigmoidActivation,
    hardSwish: hardSwishActivation,
    leakyRelu: leakyReluActivation,
    linear: linearActivation,
    logSoftmax: logSoftmaxActivation,
    maxout: maxoutActivation,
    mish: mishActivation,
    prelu: preluActivation,
    relu: reluActivation,
    relu6: relu6Activation,
    selu: seluActivation,
    sigmoid: sigmoidActivation,
    silu: siluActivation,
    softmax: softmaxActivation,
    softplus: softplusActivation,
    softsign: softsignActivation,
    step: stepActivation,
    tanh: tanhActivation,
  },
});
