import {
  type BackendName,
  core,
  createRegistry,
  Random,
  tf,
  useBackend,
  type Variable,
} from '@fanin/core';
import { describe, expect, it } from 'vitest';
import { FusedAdam, fusedAdam } from './fused-adam.js';

function parameters(seed: number): Map<string, Variable> {
  const random = new Random(seed);
  const [kernel, bias] = tf.tidy(() => [
    tf.variable(random.normalTensor([6, 4])),
    tf.variable(random.normalTensor([4])),
  ]);
  return new Map([
    ['kernel', kernel!],
    ['bias', bias!],
  ]);
}

describe.each(['cpu', 'wasm'] as BackendName[])('FusedAdam on %s', (backend) => {
  it("takes the same steps as core's adam", async () => {
    await useBackend(backend);
    const uninstall = fusedAdam.install!();
    const registry = createRegistry({ plugins: [core] });
    const reference = registry.optimizer('adam', { learningRate: 0.01 });
    const fused = new FusedAdam(0.01);
    const a = parameters(1);
    const b = parameters(1);
    const random = new Random(2);
    const before = tf.memory().numTensors;
    for (let step = 0; step < 5; step++) {
      const gradients = new Map([
        ['kernel', random.normalTensor([6, 4])],
        ['bias', random.normalTensor([4])],
      ]);
      reference.step(a, gradients);
      fused.step(b, gradients);
      tf.dispose([...gradients.values()]);
    }
    uninstall();
    for (const name of ['kernel', 'bias']) {
      const expected = a.get(name)!.dataSync();
      const actual = b.get(name)!.dataSync();
      for (let i = 0; i < expected.length; i++) expect(actual[i]).toBeCloseTo(expected[i]!, 5);
    }
    // Moments are the only new tensors: two per parameter.
    expect(tf.memory().numTensors - before).toBe(4 + 4);
    reference.dispose();
    fused.dispose();
    tf.dispose([...a.values(), ...b.values()]);
  });
});
