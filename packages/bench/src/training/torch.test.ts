import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REFERENCE_MLP } from './reference-mlp.js';
import { TORCH_SCRIPT, torchStepTime } from './torch.js';

describe('torchStepTime', () => {
  it('finds the committed PyTorch script', () => {
    expect(TORCH_SCRIPT.endsWith(join('bench', 'scripts', 'torch_mlp.py'))).toBe(true);
    expect(existsSync(TORCH_SCRIPT)).toBe(true);
  });

  it('reports PyTorch as not measured when the Python is missing', async () => {
    const python = join(TORCH_SCRIPT, '..', 'no-such-python');
    expect(await torchStepTime(REFERENCE_MLP, { python, steps: 1, repeats: 1 })).toEqual({
      measured: false,
      reason: `${python} not found`,
    });
  });
});
