import { createStudy, inMemoryStorage, pow10, StudyMismatchError } from '@fanin/search';
import { describe, expect, it } from 'vitest';
import { checkSweepFingerprint, sweepFingerprint } from './sweep-fingerprint.js';

const spec = (train: number) => ({
  source: 'sweep.json',
  objective: 'val_loss' as const,
  base: {
    model: { inputShape: [2], layers: [{ dense: 16 }, { dense: 3 }] },
    training: { dataset: 'spiral', train, epochs: 3, batchSize: 30 },
  },
});

describe('the sweep fingerprint', () => {
  it('holds the model, the training section but its epochs, and the objective', () => {
    expect(sweepFingerprint(spec(120))).toEqual({
      model: { inputShape: [2], layers: [{ dense: 16 }, { dense: 3 }] },
      training: { dataset: 'spiral', train: 120, batchSize: 30 },
      objective: 'val_loss',
    });
  });

  it('refuses a worker whose sweep file differs from the one the sweep was started with', async () => {
    const storage = inMemoryStorage();
    await createStudy({
      storage,
      name: 's',
      space: { learningRate: pow10(-3, -1) },
      fingerprint: sweepFingerprint(spec(120)),
    });
    await checkSweepFingerprint(storage, ['s', 's/stage-2'], spec(120));
    const changed = checkSweepFingerprint(storage, ['s', 's/stage-2'], spec(60));
    await expect(changed).rejects.toThrow(StudyMismatchError);
    await expect(checkSweepFingerprint(storage, ['s'], spec(60))).rejects.toThrow(
      /^study "s" exists with a different training\.train: stored 120, given 60\. This worker's sweep\.json differs/,
    );
  });
});
