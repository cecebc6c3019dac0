// A browser application: Vite bundles core + activations + initializers with the webgl backend,
// and the page trains a small model in headless Chromium (Debian's, through playwright-core).
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { check, freshProject } from '../project.mjs';
import { log, StepError } from '../shell.mjs';

const HTML = `<!doctype html>
<html><head><meta charset="utf-8"><title>fanin on webgl</title></head>
<body><pre id="out">training...</pre><script type="module" src="/main.js"></script></body></html>
`;

const MAIN = `
import { activations } from '@fanin/activations';
import { buildModel, core, createRegistry, currentBackend, fit, tf, useBackend } from '@fanin/core';
import { initializers } from '@fanin/initializers';

async function main() {
  await useBackend('webgl');
  const fanin = createRegistry({ plugins: [core, activations, initializers] });
  const model = buildModel(
    { inputShape: [2], seed: 1, layers: [{ dense: 16, init: 'heNormal', activation: 'relu' }, { dense: 2 }] },
    { registry: fanin },
  );
  const points = [];
  const labels = [];
  for (let i = 0; i < 200; i++) {
    const a = Math.cos(i * 2.4) * (i % 7) / 3;
    const b = Math.sin(i * 1.7) * (i % 5) / 2;
    points.push([a, b]);
    labels.push(a + b > 0 ? 1 : 0);
  }
  const history = await fit(model, { x: tf.tensor2d(points), y: tf.tensor1d(labels, 'int32') }, {
    epochs: 30,
    batchSize: 50,
    optimizer: fanin.optimizer('adam', { learningRate: 0.02 }),
    loss: fanin.loss('softmaxCrossEntropy'),
    metrics: ['accuracy'],
    seed: 1,
  });
  return {
    backend: currentBackend(),
    firstLoss: history.logs.loss[0],
    lastLoss: history.logs.loss.at(-1),
    accuracy: history.logs.accuracy.at(-1),
  };
}

main().then(
  (result) => { document.getElementById('out').textContent = JSON.stringify(result); },
  (error) => { document.getElementById('out').textContent = 'error: ' + (error && error.message); },
);
`;

function startPreview(cwd, env) {
  return new Promise((resolve, reject) => {
    const child = spawn(
      'npx',
      ['--no-install', 'vite', 'preview', '--host', '127.0.0.1', '--port', '0'],
      {
        cwd,
        env,
        stdio: ['ignore', 'pipe', 'pipe'],
        detached: true,
      },
    );
    let output = '';
    const stop = () => {
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        // already gone
      }
    };
    const timer = setTimeout(() => {
      stop();
      reject(new StepError(`vite preview did not start:\n${output}`));
    }, 60_000);
    const onData = (chunk) => {
      output += chunk;
      const match = /http:\/\/127\.0\.0\.1:(\d+)/.exec(
        output.replace(new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g'), ''),
      );
      if (match) {
        clearTimeout(timer);
        resolve({ url: `http://127.0.0.1:${match[1]}/`, stop });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new StepError(`vite preview exited ${code}:\n${output}`));
    });
  });
}

export async function viteWebgl({ area, env, released }) {
  const version = (name) => released.find((pkg) => pkg.name === name).version;
  const project = await freshProject(area, 'vite-webgl', env);
  await project.install([
    `@fanin/core@${version('@fanin/core')}`,
    `@fanin/activations@${version('@fanin/activations')}`,
    `@fanin/initializers@${version('@fanin/initializers')}`,
    '@tensorflow/tfjs-backend-webgl@4.22.0',
    'vite@^7',
  ]);
  project.write('index.html', HTML);
  project.write('main.js', MAIN);
  await project.npx(['vite', 'build']);
  const assets = join(project.cwd, 'dist', 'assets');
  let raw = 0;
  let gzip = 0;
  for (const file of readdirSync(assets).filter((name) => name.endsWith('.js'))) {
    const bytes = readFileSync(join(assets, file));
    raw += bytes.length;
    gzip += gzipSync(bytes, { level: 9 }).length;
  }
  const preview = await startPreview(project.cwd, env);
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
    ],
  });
  try {
    const page = await browser.newPage();
    const errors = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(preview.url);
    await page.waitForFunction(
      () => document.getElementById('out')?.textContent !== 'training...',
      null,
      {
        timeout: 180_000,
      },
    );
    const text = await page.textContent('#out');
    check(text?.startsWith('{'), `the page reported ${text} ${errors.join('; ')}`);
    const result = JSON.parse(text);
    check(result.backend === 'webgl', `the page trained on ${result.backend}, not webgl`);
    check(
      result.lastLoss < result.firstLoss,
      `training in the browser did not lower the loss: ${text}`,
    );
    log(
      `vite: webgl in Chromium: loss ${result.firstLoss.toFixed(3)} -> ${result.lastLoss.toFixed(3)}; bundle ${(raw / 1e3).toFixed(0)} kB, ${(gzip / 1e3).toFixed(0)} kB gzip`,
    );
    return { ...result, bundleBytes: raw, bundleGzipBytes: gzip };
  } finally {
    await browser.close();
    preview.stop();
  }
}
