import { type Sequential, tf } from '@fanin/core';
import type { Dataset } from '@fanin/datasets';
import type { TrainedModel } from './train-model.js';

/** How one health check came out. */
export type FindingStatus = 'ok' | 'warning' | 'problem';

/** One line of a training-health diagnosis. */
export interface Finding {
  /** What was checked: "update ratio", "dead units", "generalization", "loss curve", "divergence". */
  readonly check: string;
  readonly status: FindingStatus;
  readonly message: string;
}

/** The health of a finished training run. */
export interface Diagnosis {
  readonly findings: readonly Finding[];
  /** Median ‖Δw‖/‖w‖ per layer (about 1e-3 is healthy). */
  readonly updateRatios: Readonly<Record<string, number>>;
  /** Share of each hidden layer's units that output 0 on every example checked. */
  readonly deadUnits: Readonly<Record<string, number>>;
  /** Final training accuracy minus validation accuracy, when both were measured. */
  readonly accuracyGap: number | undefined;
}

const RATIO_LOW = 1e-4;
const RATIO_HIGH = 1e-2;
const DEAD_WARNING = 0.1;
const DEAD_PROBLEM = 0.5;
const GAP_WARNING = 0.1;
/** A loss that ends above this multiple of where it started has diverged (cs231n's 3x rule). */
const DIVERGENCE_RATIO = 3;

function formatLoss(value: number): string {
  return Math.abs(value) >= 1e4 ? value.toExponential(2) : value.toFixed(3);
}

function last(values: readonly number[] | undefined): number | undefined {
  return values && values.length > 0 ? values[values.length - 1] : undefined;
}

function mean(values: readonly number[]): number {
  return values.reduce((sum, value) => sum + value, 0) / Math.max(1, values.length);
}

/** Share of each hidden layer's units that are exactly 0 on every example (dead ReLUs). */
export function deadUnitShares(
  model: Sequential,
  data: Dataset,
  examples = 1000,
): Record<string, number> {
  const count = Math.min(examples, data.x.shape[0]);
  const shares: Record<string, number> = {};
  const outputs = tf.tidy(() => {
    const x = data.x.slice([0, 0], [count, -1]);
    const all = model.applyAll(x, { training: false });
    // applyAll gives the input first and the logits last: keep the hidden layers' outputs.
    return all.slice(1, -1).map((output) => {
      const flat = output.reshape([count, -1]);
      const alive = tf.any(tf.notEqual(flat, 0), 0);
      return tf.sub(1, tf.mean(tf.cast(alive, 'float32')));
    });
  });
  const values = outputs.map((tensor) => tensor.dataSync()[0]!);
  tf.dispose(outputs);
  values.forEach((share, index) => {
    shares[String(index)] = share;
  });
  return shares;
}

function describeRatio(value: number): string {
  return Number.isFinite(value) ? value.toExponential(1) : String(value);
}

/**
 * Diagnoses a training run the way cs231n teaches to babysit one: did the loss go NaN; is
 * each layer's update/parameter ratio near 1e-3 (far below: learning rate too low; far
 * above: too high); how many ReLUs died; does the model overfit (train/validation accuracy
 * gap); does the loss curve stay flat before it falls (a bad initialization) or not fall.
 */
export function diagnoseTraining(trained: TrainedModel, sample: Dataset): Diagnosis {
  const { history, health, batchLosses } = trained;
  const findings: Finding[] = [];

  const nonFinite =
    health?.nonFiniteStep ?? batchLosses.findIndex((loss) => !Number.isFinite(loss));
  if (nonFinite !== null && nonFinite >= 0) {
    findings.push({
      check: 'divergence',
      status: 'problem',
      message: `the loss became ${batchLosses[nonFinite] ?? 'NaN'} at step ${nonFinite}: lower the learning rate, or check the initialization scale`,
    });
  }

  const finiteLosses = batchLosses.filter((loss) => Number.isFinite(loss));
  if (!(nonFinite !== null && nonFinite >= 0) && finiteLosses.length >= 2) {
    const window = Math.max(1, Math.floor(finiteLosses.length / 10));
    const start = finiteLosses[0]!;
    const end = mean(finiteLosses.slice(-window));
    if (start > 0 && end > DIVERGENCE_RATIO * start)
      findings.push({
        check: 'divergence',
        status: 'problem',
        message: `the loss rose from ${formatLoss(start)} to ${formatLoss(end)} (more than ${DIVERGENCE_RATIO}x): lower the learning rate`,
      });
  }

  const updateRatios: Record<string, number> = { ...(health?.medianUpdateRatio ?? {}) };
  const ratios = Object.entries(updateRatios).filter(([, value]) => Number.isFinite(value));
  if (ratios.length > 0) {
    const low = ratios.filter(([, value]) => value < RATIO_LOW);
    const high = ratios.filter(([, value]) => value > RATIO_HIGH);
    const range = `${describeRatio(Math.min(...ratios.map(([, v]) => v)))} to ${describeRatio(Math.max(...ratios.map(([, v]) => v)))}`;
    if (high.length > 0)
      findings.push({
        check: 'update ratio',
        status: 'warning',
        message: `update/weight ratio above ${RATIO_HIGH} in layer${high.length > 1 ? 's' : ''} ${high.map(([layer, v]) => `${layer} (${describeRatio(v)})`).join(', ')}: the learning rate is probably too high (about 1e-3 is healthy)`,
      });
    else if (low.length > 0)
      findings.push({
        check: 'update ratio',
        status: 'warning',
        message: `update/weight ratio below ${RATIO_LOW} in layer${low.length > 1 ? 's' : ''} ${low.map(([layer, v]) => `${layer} (${describeRatio(v)})`).join(', ')}: the learning rate is probably too low (about 1e-3 is healthy)`,
      });
    else
      findings.push({
        check: 'update ratio',
        status: 'ok',
        message: `update/weight ratios ${range}, near the healthy 1e-3`,
      });
  }

  let deadUnits: Record<string, number> = {};
  if (nonFinite === null || nonFinite < 0) {
    deadUnits = deadUnitShares(trained.model, sample);
    const worst = Object.entries(deadUnits).sort((a, b) => b[1] - a[1])[0];
    if (worst) {
      const [layer, share] = worst;
      const status: FindingStatus =
        share >= DEAD_PROBLEM ? 'problem' : share >= DEAD_WARNING ? 'warning' : 'ok';
      findings.push({
        check: 'dead units',
        status,
        message:
          status === 'ok'
            ? `at most ${(share * 100).toFixed(1)}% of a layer's units are dead (layer ${layer})`
            : `${(share * 100).toFixed(1)}% of layer ${layer}'s units output 0 on every example: dead ReLUs (lower the learning rate, use He initialization or leakyRelu)`,
      });
    }
  }

  const trainAccuracy = last(history.logs.accuracy);
  const validationAccuracy = last(history.logs.val_accuracy);
  const accuracyGap =
    trainAccuracy !== undefined && validationAccuracy !== undefined
      ? trainAccuracy - validationAccuracy
      : undefined;
  const divergedEarly = findings.some((finding) => finding.check === 'divergence');
  if (accuracyGap !== undefined && Number.isFinite(accuracyGap) && !divergedEarly) {
    const validationLoss = history.logs.val_loss ?? [];
    const rising =
      validationLoss.length >= 3 &&
      validationLoss[validationLoss.length - 1]! > Math.min(...validationLoss) * 1.05;
    findings.push(
      accuracyGap > GAP_WARNING || rising
        ? {
            check: 'generalization',
            status: 'warning',
            message: `training accuracy ${(trainAccuracy! * 100).toFixed(1)}% vs validation ${(validationAccuracy! * 100).toFixed(1)}%${rising ? ', and the validation loss is rising' : ''}: overfitting (add weight decay, more data, or stop earlier)`,
          }
        : {
            check: 'generalization',
            status: 'ok',
            message: `training accuracy ${(trainAccuracy! * 100).toFixed(1)}% vs validation ${(validationAccuracy! * 100).toFixed(1)}%: no sign of overfitting`,
          },
    );
  }

  const finite = batchLosses.filter((loss) => Number.isFinite(loss));
  if (finite.length >= 10 && !divergedEarly) {
    const window = Math.max(1, Math.floor(finite.length / 10));
    const start = finite[0]!;
    const end = mean(finite.slice(-window));
    const drop = start - end;
    if (!(drop > 0.05 * Math.abs(start))) {
      findings.push({
        check: 'loss curve',
        status: 'problem',
        message: `the loss barely moved (${start.toFixed(3)} to ${end.toFixed(3)}): the learning rate is too low, or the gradient does not reach the weights`,
      });
    } else {
      const smoothed = finite.map((_, index) =>
        mean(finite.slice(Math.max(0, index - window + 1), index + 1)),
      );
      const firstFall = smoothed.findIndex((loss) => loss < start - 0.1 * drop);
      const flatShare = firstFall < 0 ? 1 : firstFall / finite.length;
      findings.push(
        flatShare > 0.25
          ? {
              check: 'loss curve',
              status: 'warning',
              message: `the loss stays flat for ${(flatShare * 100).toFixed(0)}% of the steps before it falls: typical of a bad initialization (weights too small or too large)`,
            }
          : {
              check: 'loss curve',
              status: 'ok',
              message: `the loss falls from the start (${start.toFixed(3)} to ${end.toFixed(3)})`,
            },
      );
    }
  }
  return { findings, updateRatios, deadUnits, accuracyGap };
}

/** Text of a diagnosis for the terminal: one line per finding, marked ok / warn / FAIL. */
export function formatDiagnosis(diagnosis: Diagnosis): string {
  const mark = { ok: 'ok  ', warning: 'warn', problem: 'FAIL' } as const;
  return diagnosis.findings
    .map((finding) => `  ${mark[finding.status]}  ${finding.check}: ${finding.message}`)
    .join('\n');
}
