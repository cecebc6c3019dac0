import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { BackendUnavailableError } from '../errors.js';
import { currentBackend, defaultBackend, ready, useBackend } from './backend.js';

describe('backends', () => {
  it('switches between cpu and wasm at run time and reports the current one', async () => {
    expect(await useBackend('cpu')).toBe('cpu');
    expect(currentBackend()).toBe('cpu');
    const onCpu = tf.tensor1d([1, 2, 3]);
    expect(await useBackend('wasm')).toBe('wasm');
    expect(currentBackend()).toBe('wasm');
    expect([...tf.add(onCpu, 1).dataSync()]).toEqual([2, 3, 4]);
  });

  it('defaults to wasm in Node when it is installed', async () => {
    expect(await defaultBackend()).toBe('wasm');
    await useBackend('cpu');
    expect(await ready()).toBe('cpu');
  });

  it('explains why webgl cannot run in Node', async () => {
    const error = await useBackend('webgl').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(BackendUnavailableError);
    expect((error as Error).message).toBe(
      'backend "webgl" is not available: WebGL needs a browser. Use "wasm" or "cpu" in Node',
    );
    expect(await useBackend('cpu')).toBe('cpu');
  });

  it('rejects an unknown backend name', async () => {
    await expect(useBackend('gpu' as never)).rejects.toThrow(
      'unknown backend "gpu". Available: cpu, wasm, webgl',
    );
  });
});
