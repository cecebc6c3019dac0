// @ts-check
// The program each processPool worker runs (forked by process-pool.ts). Plain JavaScript
// with no imports, so it starts the same from src/ (tests) and dist/ (the built package):
// it loads the objective's module with import(), runs the jobs it is sent, and turns every
// trial call (report, shouldPrune, setUserAttr, suggest) into a message to the controller,
// which is the only process that writes the journal. It exits when the controller goes away.

/** @type {Map<number, { resolve: (value: unknown) => void, reject: (error: Error) => void }>} */
const waiting = new Map();
/** @type {Map<string, Promise<Record<string, unknown>>>} */
const modules = new Map();
let nextCall = 0;

/** @param {unknown} message */
function send(message) {
  if (process.send) process.send(message);
}

/**
 * @param {string} method
 * @param {unknown[]} args
 */
function call(method, args) {
  return new Promise((resolve, reject) => {
    const id = nextCall++;
    waiting.set(id, { resolve, reject });
    send({ type: 'call', id, method, args });
  });
}

/** @param {any} job */
function makeTrial(job) {
  /** @type {Record<string, unknown>} */
  const userAttrs = {};
  return Object.freeze({
    studyName: job.studyName,
    id: job.trialId,
    number: job.number,
    attempt: job.attempt,
    params: Object.freeze({ ...job.params }),
    epochs: job.epochs,
    seed: job.seed,
    direction: job.direction,
    userAttrs,
    /** @param {number} step @param {number} value */
    report: (step, value) => call('report', [step, value]),
    shouldPrune: () => call('shouldPrune', []),
    /** @param {string} key @param {unknown} value */
    setUserAttr: (key, value) => {
      userAttrs[key] = value;
      return call('setUserAttr', [key, value]);
    },
    /** @param {string} name @param {any} distribution */
    suggest: (name, distribution) =>
      call('suggest', [
        name,
        typeof distribution?.toJSON === 'function' ? distribution.toJSON() : distribution,
      ]),
  });
}

/** @param {unknown} error */
function describe(error) {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return `threw ${String(error)}`;
}

/** @param {{ job: any, module: string, exportName: string }} message */
async function run({ job, module, exportName }) {
  let objective;
  try {
    let loading = modules.get(module);
    if (!loading) {
      loading = import(module);
      modules.set(module, loading);
    }
    const loaded = await loading;
    objective = loaded[exportName];
    if (typeof objective !== 'function') {
      const names = Object.keys(loaded).join(', ') || 'none';
      return {
        kind: 'threw',
        message: `objective module ${module} has no function export "${exportName}" (exports: ${names})`,
      };
    }
  } catch (error) {
    modules.delete(module);
    return { kind: 'threw', message: `cannot load objective module ${module}: ${describe(error)}` };
  }
  try {
    return { kind: 'returned', value: await objective(makeTrial(job)) };
  } catch (error) {
    if (error instanceof Error && error.name === 'TrialPruned') {
      const reason = /** @type {any} */ (error).reason;
      return { kind: 'pruned', reason: typeof reason === 'string' ? reason : error.message };
    }
    return { kind: 'threw', message: describe(error) };
  }
}

process.on('message', async (/** @type {any} */ message) => {
  if (message?.type === 'reply') {
    const pending = waiting.get(message.id);
    waiting.delete(message.id);
    if (!pending) return;
    if (message.error !== undefined) pending.reject(new Error(message.error));
    else pending.resolve(message.value);
  } else if (message?.type === 'run') {
    const outcome = await run(message);
    try {
      send({ type: 'done', outcome });
    } catch (error) {
      send({
        type: 'done',
        outcome: {
          kind: 'threw',
          message: `the objective's result cannot be sent to the controller: ${describe(error)}`,
        },
      });
    }
  }
});

process.on('disconnect', () => process.exit(0));
send({ type: 'ready' });
