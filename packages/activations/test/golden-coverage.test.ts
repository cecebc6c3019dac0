/**
 * Every activation of the plugin is checked against PyTorch (golden.test.ts) unless it is listed
 * below as having no PyTorch counterpart. The names come from the plugin table, so a new
 * activation without golden values fails here, by name, until scripts/golden.py has a case for
 * it and fixtures/golden.json is regenerated (contributing/add-an-activation.md).
 */
import { describe, expect, it } from 'vitest';
import golden from '../fixtures/golden.json';
import { activations } from '../src/index.js';

/** Activations PyTorch has no function for, each with the reason; none today. */
export const NO_PYTORCH_COUNTERPART: Readonly<Record<string, string>> = {};

/** The activations fixtures/golden.json has values for. */
function goldenNames(): Set<string> {
  return new Set<string>([
    ...golden.elementwise.map((testCase) => testCase.name),
    ...golden.softmax.map((testCase) => testCase.name),
    ...(golden.prelu.length > 0 ? ['prelu'] : []),
    ...(golden.maxout.length > 0 ? ['maxout'] : []),
  ]);
}

describe('PyTorch golden coverage', () => {
  const names = Object.keys(activations.activations);
  const covered = goldenNames();

  it('has golden values for every activation of the plugin', () => {
    const missing = names.filter((name) => !covered.has(name) && !(name in NO_PYTORCH_COUNTERPART));
    expect(
      missing.map((name) => `${name} has no golden values`),
      'add a case to scripts/golden.py and regenerate fixtures/golden.json (python3 scripts/golden.py), or list it in NO_PYTORCH_COUNTERPART with the reason',
    ).toEqual([]);
  });

  it('lists in NO_PYTORCH_COUNTERPART only activations of the plugin that have no golden values', () => {
    const stale = Object.keys(NO_PYTORCH_COUNTERPART).filter(
      (name) => covered.has(name) || !names.includes(name),
    );
    expect(stale).toEqual([]);
  });

  it('has no golden values for a name the plugin does not register', () => {
    expect([...covered].filter((name) => !names.includes(name))).toEqual([]);
  });
});
