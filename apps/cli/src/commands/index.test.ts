import { describe, expect, it } from 'vitest';
import { flagOf } from '../cli/command.js';
import { commandHelp, generalHelp } from '../cli/help.js';
import { commands } from './index.js';

describe('the command table (what --help and the docs CLI reference are made of)', () => {
  it('has the commands of issues 11, 9 (worker) and 17 (dashboard), each declared as data', () => {
    expect(commands.map((command) => command.name)).toEqual([
      'experiments',
      'distributions',
      'symmetry',
      'compare-bn',
      'train',
      'check',
      'sweep',
      'worker',
      'report',
      'dashboard',
      'list',
      'bench',
    ]);
    for (const command of commands) {
      expect(command.summary.length, command.name).toBeGreaterThan(20);
      expect(command.description.length, command.name).toBeGreaterThan(command.summary.length);
      expect(command.examples.length, command.name).toBeGreaterThan(0);
      for (const example of command.examples)
        expect(example.startsWith(`fanin ${command.name}`), example).toBe(true);
      for (const [name, option] of Object.entries(command.options)) {
        expect(option.description, `${command.name} ${name}`).toMatch(/^[A-Z]/);
        expect(['number', 'integer', 'boolean', 'string', 'enum', 'array', 'object']).toContain(
          option.type,
        );
        expect(typeof option.expected).toBe('string');
      }
    }
  });

  it('gives every option of every command a distinct flag and short letter', () => {
    for (const command of commands) {
      const flags = Object.keys(command.options).map(flagOf);
      expect(new Set(flags).size, command.name).toBe(flags.length);
      const letters = Object.values(command.options).flatMap((option) =>
        option.short ? [option.short] : [],
      );
      expect(new Set(letters).size, command.name).toBe(letters.length);
      expect(letters).not.toContain('h');
    }
  });

  it('prints every flag and example in each command help, and every command in the general help', () => {
    for (const command of commands) {
      const help = commandHelp(command);
      for (const name of Object.keys(command.options)) {
        const option = command.options[name]!;
        const flag =
          option.type === 'boolean' && option.default !== false
            ? `--[no-]${flagOf(name).slice(2)}`
            : flagOf(name);
        expect(help, `${command.name} ${name}`).toContain(flag);
      }
      for (const example of command.examples) expect(help).toContain(example);
    }
    const general = generalHelp(commands, '1.2.3');
    for (const command of commands) expect(general).toMatch(new RegExp(`^  ${command.name} `, 'm'));
  });

  it("derives the experiment commands' flags from the experiments' option declarations", () => {
    const distributions = commands.find((command) => command.name === 'distributions')!;
    expect(Object.keys(distributions.options)).toEqual(
      expect.arrayContaining([
        'initializers',
        'activations',
        'samples',
        'units',
        'layers',
        'seed',
        'size',
        'full',
        'out',
      ]),
    );
    expect(distributions.options.layers!.description).toContain('(classic: 5)');
  });
});
