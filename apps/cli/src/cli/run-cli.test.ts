import { FaninError, option } from '@fanin/core';
import { describe, expect, it } from 'vitest';
import { type Command, defineCommand } from './command.js';
import { RunFailedError } from './errors.js';
import { runCli } from './run-cli.js';

function collector() {
  return {
    text: '',
    write(chunk: string) {
      this.text += chunk;
      return true;
    },
  };
}

const throwing = (error: unknown) =>
  defineCommand({
    name: 'boom',
    summary: 'Throws what it is given',
    description: 'Throws.',
    positionals: [],
    options: { level: option.integer({ description: 'A level', default: 1, min: 0 }) },
    examples: ['fanin boom'],
    run: async () => {
      throw error;
    },
  }) as unknown as Command;

async function run(command: Command, argv: string[]) {
  const stdout = collector();
  const stderr = collector();
  const code = await runCli([command], argv, {
    stdout,
    stderr,
    cwd: process.cwd(),
    handleSignals: false,
  });
  return { code, stdout: stdout.text, stderr: stderr.text };
}

describe('runCli', () => {
  it('maps fanin errors to exit code 2 and one line', async () => {
    const result = await run(
      throwing(new FaninError('INVALID_MODEL_CONFIG', 'model.json: layers[0]: bad', 'Fix it')),
      ['boom'],
    );
    expect(result).toEqual({
      code: 2,
      stdout: '',
      stderr: 'fanin: model.json: layers[0]: bad. Fix it\n',
    });
  });

  it('maps a failed run to exit code 1', async () => {
    expect((await run(throwing(new RunFailedError('2 checks failed')), ['boom'])).code).toBe(1);
  });

  it('reports an unexpected error in one line with a request to report it, exit code 1', async () => {
    const result = await run(throwing(new TypeError('x.y is not a function')), ['boom']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /^fanin: unexpected error: TypeError: x\.y is not a function \(this is a bug in fanin; please report it .*\)\n$/,
    );
  });

  it('answers --help, help <command> and --version without running anything', async () => {
    const command = throwing(new Error('must not run'));
    expect((await run(command, ['boom', '--help'])).stdout).toMatch(
      /^Usage: fanin boom \[options\]/,
    );
    expect((await run(command, ['help', 'boom'])).stdout).toMatch(/^Usage: fanin boom/);
    expect((await run(command, ['--version'])).stdout).toMatch(/^\d+\.\d+\.\d+/);
    expect((await run(command, [])).code).toBe(0);
  });

  it('names the new command of a renamed one (fanin study), exit code 2, nothing run', async () => {
    const experiments = defineCommand({
      name: 'experiments',
      summary: 'Stands in for the classic experiments',
      description: 'Must not run.',
      positionals: [],
      options: {},
      examples: ['fanin experiments'],
      run: async () => {
        throw new Error('must not run');
      },
    }) as unknown as Command;
    const stdout = collector();
    const stderr = collector();
    const code = await runCli([experiments], ['study', '--size', 'tiny'], {
      stdout,
      stderr,
      cwd: process.cwd(),
      handleSignals: false,
    });
    expect({ code, stdout: stdout.text, stderr: stderr.text }).toEqual({
      code: 2,
      stdout: '',
      stderr:
        'fanin study was renamed to fanin experiments (0.x rename); run: fanin experiments --size tiny\n',
    });
    // Without the new command (another command table), the old name is an unknown command.
    expect((await run(throwing(new Error('must not run')), ['study'])).stderr).toMatch(
      /^fanin: unknown command "study"/,
    );
  });

  it('refuses unknown commands and options before the command', async () => {
    const command = throwing(new Error('must not run'));
    expect(await run(command, ['bom'])).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/unknown command "bom"\. Did you mean "boom"\?/),
    });
    expect((await run(command, ['--level', '2', 'boom'])).stderr).toMatch(
      /"--level" is not a command/,
    );
    expect((await run(command, ['boom', '--level', '-1'])).stderr).toBe(
      'fanin boom: --level must be an integer >= 0, got -1\n',
    );
  });
});
