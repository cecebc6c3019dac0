import { element, formatNumber, formatParam } from './dom.js';
import type { TrialView } from './protocol.js';
import type { Store } from './store.js';

function stateBadge(trial: TrialView): HTMLElement {
  return element('span', { class: `badge state-${trial.state}` }, trial.state);
}

function lastReport(trial: TrialView): string {
  const last = trial.curve[trial.curve.length - 1];
  return last ? `epoch ${last[0] + 1}: ${formatNumber(last[1])}` : '–';
}

/** The trials stopped early or failed, newest first, with why. */
export function stoppedTable(store: Store): HTMLElement {
  const stopped = store
    .trials()
    .filter((trial) => trial.state === 'pruned' || trial.state === 'failed')
    .reverse();
  if (stopped.length === 0)
    return element('p', { class: 'empty' }, 'No trial was pruned or failed.');
  return element(
    'table',
    { class: 'stopped' },
    element(
      'thead',
      {},
      element(
        'tr',
        {},
        element('th', {}, 'trial'),
        element('th', {}, 'state'),
        element('th', {}, 'last report'),
        element('th', {}, 'why'),
      ),
    ),
    element(
      'tbody',
      {},
      ...stopped.map((trial) =>
        element(
          'tr',
          { 'data-stopped': trial.key },
          element('td', {}, store.trialLabel(trial)),
          element('td', {}, stateBadge(trial)),
          element('td', { class: 'number' }, lastReport(trial)),
          element('td', { class: 'reason' }, trial.reason ?? 'no reason recorded'),
        ),
      ),
    ),
  );
}

/** Every trial, newest first: state, value, epochs reported, attempts, parameters. */
export function trialsTable(store: Store): HTMLElement {
  const names = store.parameters.map((parameter) => parameter.name);
  const trials = store.trials().reverse();
  return element(
    'table',
    { class: 'trials', 'data-count': trials.length },
    element(
      'thead',
      {},
      element(
        'tr',
        {},
        element('th', {}, 'trial'),
        element('th', {}, 'state'),
        element('th', {}, store.meta?.objective ?? 'value'),
        element('th', {}, 'epochs'),
        element('th', {}, 'attempt'),
        element('th', {}, 'seconds'),
        ...names.map((name) => element('th', {}, name)),
      ),
    ),
    element(
      'tbody',
      {},
      ...trials.map((trial) =>
        element(
          'tr',
          {
            'data-trial-key': trial.key,
            'data-state': trial.state,
            title: trial.reason ?? undefined,
          },
          element('td', {}, store.trialLabel(trial)),
          element('td', {}, stateBadge(trial)),
          element('td', { class: 'number' }, formatNumber(trial.value)),
          element('td', { class: 'number' }, String(trial.curve.length)),
          element('td', { class: 'number' }, String(trial.attempt)),
          element(
            'td',
            { class: 'number' },
            trial.seconds === null ? '–' : trial.seconds.toFixed(1),
          ),
          ...names.map((name) =>
            element('td', { class: 'number' }, formatParam(trial.params[name])),
          ),
        ),
      ),
    ),
  );
}
