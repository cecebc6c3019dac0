import { FaninError } from '../errors.js';
import type { Loss } from '../losses/loss.js';
import { closestMatch } from '../registry/suggest.js';
import { accuracy, accuracyMetric } from './accuracy.js';
import type { Metric } from './metric.js';

/** Metrics `fit` and `evaluate` know by name. */
export const METRICS: Readonly<Record<string, Metric>> = { accuracy: accuracyMetric };

const CLASSIFICATION_LOSSES = new Set(['softmaxCrossEntropy', 'binaryCrossEntropy']);

/**
 * Turns metric names or objects into metrics. Without a list, classification losses get
 * ["accuracy"]. Binary accuracy thresholds at 0.5 when the loss takes probabilities
 * (`binaryCrossEntropy` with `fromLogits: false`), else at 0.
 */
export function resolveMetrics(
  metrics: readonly (string | Metric)[] | undefined,
  loss: Loss,
): Metric[] {
  const requested = metrics ?? (CLASSIFICATION_LOSSES.has(loss.name) ? ['accuracy'] : []);
  const out: Metric[] = [];
  const names = new Set<string>();
  for (const metric of requested) {
    let resolved: Metric;
    if (typeof metric === 'string') {
      const known = METRICS[metric];
      if (!known) {
        const suggestion = closestMatch(metric, Object.keys(METRICS));
        throw new FaninError(
          'UNKNOWN_METRIC',
          `unknown metric "${metric}".${suggestion ? ` Did you mean "${suggestion}"?` : ''} Available: ${Object.keys(METRICS).join(', ')}`,
          'Or pass a metric object { name, compute(predictions, targets) }',
        );
      }
      resolved =
        known === accuracyMetric && (loss as { fromLogits?: boolean }).fromLogits === false
          ? {
              name: 'accuracy',
              compute: (predictions, targets) => accuracy(predictions, targets, { threshold: 0.5 }),
            }
          : known;
    } else if (metric && typeof metric.name === 'string' && typeof metric.compute === 'function') {
      resolved = metric;
    } else {
      throw new FaninError(
        'INVALID_METRIC',
        'a metric must be a name or an object { name, compute(predictions, targets) }',
      );
    }
    if (resolved.name === 'loss' || names.has(resolved.name)) {
      throw new FaninError(
        'DUPLICATE_METRIC',
        `metric name "${resolved.name}" is used twice (or clashes with "loss")`,
      );
    }
    names.add(resolved.name);
    out.push(resolved);
  }
  return out;
}
