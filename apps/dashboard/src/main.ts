/**
 * The page of `fanin dashboard`: it listens to the server's event stream (/events) and
 * redraws what changed, without reloading. The server sends whole trials only; this page
 * never reads the journal itself.
 */
import { ChartBoard } from './charts.js';
import { element, fill } from './dom.js';
import {
  type DashboardProblem,
  type DashboardSnapshot,
  type DashboardUpdate,
  EVENT,
} from './protocol.js';
import { datasets } from './rows.js';
import { stageCards } from './stages.js';
import { type Change, Store } from './store.js';
import { stoppedTable, trialsTable } from './trials.js';

const store = new Store();
const board = new ChartBoard(document.getElementById('charts')!);

function header(): void {
  const meta = store.meta;
  if (!meta) return;
  document.title = `${meta.sweep || 'sweep'} · fanin dashboard`;
  const total = store.stages.reduce((sum, stage) => sum + stage.counts.total, 0);
  const running = store.stages.reduce((sum, stage) => sum + stage.counts.running, 0);
  fill('sweep-name', meta.sweep || 'waiting for the sweep to start');
  fill(
    'sweep-facts',
    element('span', {}, meta.source),
    element('span', {}, `${meta.objective} (${meta.direction})`),
    element(
      'span',
      { id: 'trial-count', 'data-count': total },
      `${total} trial${total === 1 ? '' : 's'}`,
    ),
    element(
      'span',
      { class: `badge ${meta.writing ? 'state-running' : 'state-waiting'}`, id: 'writing' },
      meta.writing
        ? `being written${running > 0 ? `, ${running} running` : ''}`
        : 'not being written',
    ),
    element('span', { id: 'read-at' }, `read ${new Date(meta.readAt).toLocaleTimeString()}`),
  );
}

function render(change: Change): void {
  header();
  fill('stages', ...stageCards(store));
  fill('stopped', stoppedTable(store));
  fill('trials', trialsTable(store));
  const data = datasets(store);
  void (change.charts ? board.replace(store.charts, data) : board.update(data));
  document.body.dataset.trials = String(store.trials().length);
}

function connect(): void {
  const events = new EventSource('events');
  events.addEventListener(EVENT.snapshot, (event) => {
    render(store.reset(JSON.parse((event as MessageEvent).data) as DashboardSnapshot));
  });
  events.addEventListener(EVENT.update, (event) => {
    render(store.apply(JSON.parse((event as MessageEvent).data) as DashboardUpdate));
  });
  events.addEventListener(EVENT.problem, (event) => {
    const problem = JSON.parse((event as MessageEvent).data) as DashboardProblem;
    fill('problem', problem.message).hidden = false;
  });
  events.addEventListener('open', () => {
    document.body.dataset.connected = 'true';
    fill('connection', '').hidden = true;
  });
  events.addEventListener('error', () => {
    document.body.dataset.connected = 'false';
    fill('connection', 'Lost the connection to fanin dashboard; reconnecting…').hidden = false;
  });
}

connect();
