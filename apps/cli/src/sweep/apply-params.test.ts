import { describe, expect, it } from 'vitest';
import { cliRegistry } from '../registry.js';
import { applyParams, parseParamPath } from './apply-params.js';

const registry = cliRegistry();
const base = {
  model: {
    inputShape: [2],
    layers: [{ dense: 8, activation: 'relu' }, { activation: 'tanh' }, { dense: 3 }],
  },
  training: { optimizer: 'adam', batchSize: 32, epochs: 2 },
};

describe('applyParams', () => {
  it('puts a training option in the training section', () => {
    expect(applyParams(base, { batchSize: 64 }, registry).training.batchSize).toBe(64);
  });

  it('makes any other plain name an option of the optimizer', () => {
    expect(
      applyParams(base, { learningRate: 0.01, beta1: 0.8 }, registry).training.optimizer,
    ).toEqual({
      type: 'adam',
      learningRate: 0.01,
      beta1: 0.8,
    });
  });

  it('lays optimizer options onto a swept optimizer', () => {
    const { training } = applyParams(base, { learningRate: 0.1, optimizer: 'sgd' }, registry);
    expect(training.optimizer).toEqual({ type: 'sgd', learningRate: 0.1 });
  });

  it('sets paths in the model; [*] only where the key already is', () => {
    const { model } = applyParams(
      base,
      { 'layers[*].activation': 'elu', 'layers[0].dense': 16 },
      registry,
    );
    expect(model.layers).toEqual([
      { dense: 16, activation: 'elu' },
      { activation: 'elu' },
      { dense: 3 },
    ]);
    expect(base.model.layers[0]).toEqual({ dense: 8, activation: 'relu' });
  });

  it('reaches conv layer options and removes a key for null, dropping a layer left empty', () => {
    const cnn = {
      model: {
        inputShape: [28, 28, 1],
        layers: [
          { conv2d: 16, kernelSize: 3, norm: 'batchNorm', activation: 'relu' },
          { maxPool2d: 2 },
          { conv2d: 32, kernelSize: 3 },
          { norm: 'batchNorm' },
          { flatten: true },
          { dropout: 0.25 },
          { dense: 10 },
        ],
      },
      training: base.training,
    };
    const swept = applyParams(
      cnn,
      { 'layers[0].conv2d': 32, 'layers[*].kernelSize': 5, 'layers[5].dropout': 0.5 },
      registry,
    ).model.layers as Record<string, unknown>[];
    expect(swept[0]).toEqual({ conv2d: 32, kernelSize: 5, norm: 'batchNorm', activation: 'relu' });
    expect(swept[2]).toEqual({ conv2d: 32, kernelSize: 5 });
    expect(swept[5]).toEqual({ dropout: 0.5 });
    const grouped = applyParams(cnn, { 'layers[*].norm': 'groupNorm' }, registry).model.layers;
    expect((grouped as Record<string, unknown>[]).map((layer) => layer.norm)).toEqual([
      'groupNorm',
      undefined,
      undefined,
      'groupNorm',
      undefined,
      undefined,
      undefined,
    ]);
    const plain = applyParams(cnn, { 'layers[*].norm': null, 'layers[5].dropout': 0.1 }, registry)
      .model.layers;
    expect(plain).toEqual([
      { conv2d: 16, kernelSize: 3, activation: 'relu' },
      { maxPool2d: 2 },
      { conv2d: 32, kernelSize: 3 },
      { flatten: true },
      { dropout: 0.1 },
      { dense: 10 },
    ]);
    expect(cnn.model.layers[3]).toEqual({ norm: 'batchNorm' });
    expect(() => applyParams(cnn, { 'layers[1].norm': null }, registry)).toThrow(
      'layers[1].norm matches nothing in the model, so null would go nowhere',
    );
  });

  it('sets paths in the training section', () => {
    const { training } = applyParams(
      { ...base, training: { ...base.training, optimizer: { type: 'adam' } } },
      { 'training.optimizer.beta2': 0.99 },
      registry,
    );
    expect(training.optimizer).toEqual({ type: 'adam', beta2: 0.99 });
  });

  it('refuses a path that sets nothing', () => {
    expect(() => applyParams(base, { 'layers[*].norm': 'batchNorm' }, registry)).toThrow(
      'layers[*].norm matches nothing in the model (a [*] path sets only items that already have the key)',
    );
  });

  it('parses paths', () => {
    expect(parseParamPath('layers[*].activation')).toEqual(['layers', '*', 'activation']);
    expect(parseParamPath('model.layers[10].dense')).toEqual(['model', 'layers', 10, 'dense']);
    expect(() => parseParamPath('layers[x]')).toThrow('is not a config path');
  });
});
