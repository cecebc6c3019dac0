import { element, formatNumber, formatParam } from './dom.js';
import type { StageView } from './protocol.js';
import type { Store } from './store.js';

function counts(stage: StageView): HTMLElement {
  const { counts } = stage;
  const parts: [string, number][] = [
    ['complete', counts.complete],
    ['running', counts.running],
    ['pruned', counts.pruned],
    ['failed', counts.failed],
    ['waiting', counts.waiting],
  ];
  return element(
    'p',
    { class: 'counts' },
    `${counts.total} trial${counts.total === 1 ? '' : 's'}${stage.epochs !== null ? ` of ${stage.epochs} epoch${stage.epochs === 1 ? '' : 's'}` : ''}: `,
    ...parts
      .filter(([, count]) => count > 0)
      .map(([state, count]) =>
        element('span', { class: `badge state-${state}` }, `${count} ${state}`),
      ),
  );
}

function leaderboard(stage: StageView, store: Store): HTMLElement {
  if (stage.leaderboard.length === 0)
    return element('p', { class: 'empty' }, 'No completed trial yet.');
  const names = stage.space.map((entry) => entry.name);
  return element(
    'table',
    { class: 'leaderboard', 'data-stage': stage.index },
    element(
      'thead',
      {},
      element(
        'tr',
        {},
        element('th', {}, 'rank'),
        element('th', {}, 'trial'),
        element('th', {}, store.meta?.objective ?? 'value'),
        ...names.map((name) => element('th', {}, name)),
      ),
    ),
    element(
      'tbody',
      {},
      ...stage.leaderboard.map((row) =>
        element(
          'tr',
          { 'data-leader': `${stage.index}:${row.number}` },
          element('td', {}, String(row.rank)),
          element('td', {}, `#${row.number}`),
          element('td', { class: 'number' }, formatNumber(row.value)),
          ...names.map((name) => element('td', { class: 'number' }, formatParam(row.params[name]))),
        ),
      ),
    ),
  );
}

function ranges(stage: StageView): HTMLElement {
  return element(
    'ul',
    { class: 'ranges' },
    ...stage.space.map((entry) =>
      element('li', {}, element('code', {}, entry.name), ' ~ ', element('code', {}, entry.range)),
    ),
  );
}

function next(stage: StageView): HTMLElement | undefined {
  if (!stage.next) return undefined;
  const title = stage.next.started
    ? `Stage ${stage.index + 2} searches`
    : `Next stage would search (from the top ${stage.next.top} trials so far)`;
  return element(
    'div',
    { class: 'next' },
    element('h4', {}, title),
    element(
      'ul',
      { class: 'ranges' },
      ...stage.next.ranges.map((range) =>
        element(
          'li',
          {},
          element('code', {}, range.name),
          ' ',
          range.from === range.to
            ? element('code', {}, range.to)
            : element(
                'span',
                {},
                element('code', {}, range.from),
                ' → ',
                element('code', {}, range.to),
              ),
        ),
      ),
    ),
  );
}

function warnings(stage: StageView): HTMLElement | undefined {
  if (stage.warnings.length === 0) return undefined;
  return element(
    'ul',
    { class: 'warnings', role: 'status' },
    ...stage.warnings.map((warning) => element('li', {}, warning)),
  );
}

/** One card per stage, coarse to fine: ranges, counts, warnings, leaderboard, next ranges. */
export function stageCards(store: Store): HTMLElement[] {
  return store.stages.map((stage) =>
    element(
      'article',
      { class: 'stage', id: `stage-${stage.index + 1}`, 'data-stage': stage.index },
      element(
        'header',
        {},
        element(
          'h3',
          {},
          `Stage ${stage.index + 1}`,
          element('span', { class: 'study' }, stage.study),
        ),
        stage.best
          ? element(
              'p',
              { class: 'best' },
              `best ${store.meta?.objective ?? 'value'} `,
              element('strong', {}, formatNumber(stage.best.value)),
              ` (trial #${stage.best.number})`,
            )
          : undefined,
      ),
      counts(stage),
      ranges(stage),
      warnings(stage),
      leaderboard(stage, store),
      next(stage),
    ),
  );
}
