import { InvalidSpaceError } from '../errors.js';
import { checkUnit, requireFinite, requireOrdered } from './distribution.js';
import { formatNumber } from './format.js';
import { RangeDistribution } from './range-distribution.js';

/**
 * Log-uniform between two **values**: log x is uniform on [log low, log high], so each
 * decade gets the same share of samples. `logUniform(1e-6, 1e-2)` draws learning rates from
 * 1e-6 to 1e-2; it is `10 ** uniform(-6, -2)` written with values (PyTorch users: this is
 * `scipy.stats.loguniform(1e-6, 1e-2)`, Optuna's `suggest_float(..., log=True)`, Ray's
 * `tune.loguniform`, W&B's `log_uniform_values`). Bounds must be > 0; to give exponents,
 * use `pow10(-6, -2)` (unlike hyperopt's and W&B's legacy `log_uniform`, which take natural
 * log exponents and silently accept `(-6, -2)`).
 */
export class LogUniformDistribution extends RangeDistribution {
  readonly type = 'logUniform' as const;
  readonly scale = 'log' as const;
  readonly integer = false;

  constructor(low: number, high: number, path = `logUniform(${low}, ${high})`) {
    super(requireFinite(path, 'low', low), requireFinite(path, 'high', high));
    if (low <= 0 || high <= 0) {
      throw new InvalidSpaceError(
        path,
        `${low <= 0 ? 'low' : 'high'} must be > 0 (logUniform takes values such as 1e-6, not exponents), got ${formatNumber(low <= 0 ? low : high)}`,
        `Use pow10(${formatNumber(low)}, ${formatNumber(high)}) for exponents, or uniform for ranges through 0`,
      );
    }
    requireOrdered(path, low, high);
  }

  fromUnit(u: number): number {
    const logLow = Math.log(this.low);
    const x = Math.exp(logLow + checkUnit(u) * (Math.log(this.high) - logLow));
    return Math.min(this.high, Math.max(this.low, x));
  }

  withBounds(min: number, max: number): LogUniformDistribution {
    return new LogUniformDistribution(min, max);
  }
}

/** Log-uniform between two values, e.g. `logUniform(1e-6, 1e-2)`. See {@link LogUniformDistribution}. */
export function logUniform(low: number, high: number): LogUniformDistribution {
  return new LogUniformDistribution(low, high);
}
