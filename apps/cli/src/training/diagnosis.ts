import { tf } from '@fanin/core';
import {
  deadUnitCounts,
  deadUnitsFinding,
  type Finding,
  generalizationGapFinding,
  type LossShapeAnalysis,
  layerLabel,
  lossCurveFinding,
  lossShape,
  reluLikeLayers,
  updateRatioFinding,
} from '@fanin/experiments';
import type { TrainedModel } from './train-model.js';

/** The health of a finished training run. */
export interface Diagnosis {
  /** Worst level of the findings. */
  readonly level: Finding['level'];
  readonly findings: readonly Finding[];
  /** The loss curve's shape (diverged, exploding, flat, plateauThenDrop, decreasing). */
  readonly lossCurve: LossShapeAnalysis;
}

/** Examples the dead-unit count is taken on. */
const DEAD_UNIT_EXAMPLES = 1000;

/**
 * Diagnoses a run of `fanin train` with the findings of `@fanin/experiments`' trainingHealth
 * experiment (cs231n's "babysitting the learning process"): the median update/weight ratio of each
 * layer over the run (about 1e-3 is healthy), the relu-like units dead on every example of
 * `sample`, the train/validation accuracy gap, and the shape of the batch-loss curve (NaN or
 * exploding: learning rate too high; flat: too low; flat then dropping: a poor initialization).
 */
export function diagnoseTraining(
  trained: TrainedModel,
  sample: { readonly x: tf.Tensor },
  inputShape: readonly number[],
): Diagnosis {
  const { history, health, batchLosses, model } = trained;
  const findings: Finding[] = [];
  for (const [path, ratio] of Object.entries(health?.medianUpdateRatio ?? {}))
    findings.push(updateRatioFinding(layerLabel(path), ratio));
  const analysis = lossShape(batchLosses);
  if (analysis.shape !== 'diverged') {
    const layers = reluLikeLayers(model, inputShape);
    if (layers.length > 0) {
      const count = Math.min(DEAD_UNIT_EXAMPLES, sample.x.shape[0]);
      const x = tf.slice(sample.x, [0, 0], [count, -1]);
      try {
        deadUnitCounts(model, x, layers).forEach((dead, index) => {
          const layer = layers[index]!;
          findings.push(deadUnitsFinding(layerLabel(String(layer.index)), dead, layer.units));
        });
      } finally {
        x.dispose();
      }
    }
  }
  const train = history.logs.accuracy?.at(-1);
  const validation = history.logs.val_accuracy?.at(-1);
  if (
    train !== undefined &&
    validation !== undefined &&
    Number.isFinite(train) &&
    Number.isFinite(validation)
  )
    findings.push(generalizationGapFinding(train, validation));
  findings.push(lossCurveFinding(analysis, batchLosses.length));
  const levels = findings.map((finding) => finding.level);
  return {
    level: levels.includes('bad') ? 'bad' : levels.includes('warn') ? 'warn' : 'ok',
    findings,
    lossCurve: analysis,
  };
}

/** Whether the loss went NaN or exploded: the run failed. */
export function diverged(diagnosis: Diagnosis): boolean {
  return diagnosis.lossCurve.shape === 'diverged' || diagnosis.lossCurve.shape === 'exploding';
}

/** Text of a diagnosis for the terminal: one line per finding, marked ok / warn / BAD. */
export function formatDiagnosis(diagnosis: Diagnosis): string {
  const mark = { ok: 'ok  ', warn: 'warn', bad: 'BAD ' } as const;
  return diagnosis.findings
    .map((finding) => `  ${mark[finding.level]}  ${finding.message}`)
    .join('\n');
}
