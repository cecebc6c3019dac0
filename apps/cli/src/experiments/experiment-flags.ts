import type { OptionSpec, OptionsShape } from '@fanin/core';
import type { CommandOption } from '../cli/command.js';

function show(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/**
 * An experiment's options as command-line flags (derived from its declarations): each is optional,
 * so the size preset (`--size`) fills in what is not given; the help shows the classic default.
 */
export function experimentFlags(options: OptionsShape): Record<string, CommandOption> {
  return Object.fromEntries(
    Object.entries(options).map(([name, spec]) => {
      const declared = spec as OptionSpec;
      return [
        name,
        {
          ...declared,
          presence: 'optional',
          default: undefined,
          description:
            declared.default !== undefined
              ? `${declared.description} (classic: ${show(declared.default)})`
              : declared.description,
        } satisfies CommandOption,
      ];
    }),
  );
}
