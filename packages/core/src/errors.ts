import type { FaninErrorCode } from './error-codes.js';

/**
 * Every error fanin throws on purpose is a `FaninError`: it carries a stable `code`, what was
 * asked, and a `hint` saying how to fix it. The message is one line, fit for a terminal.
 * The codes are the keys of `FaninErrorCodes`, which each package augments with its own.
 */
export class FaninError extends Error {
  readonly code: FaninErrorCode;
  readonly hint: string | undefined;

  constructor(code: FaninErrorCode, message: string, hint?: string) {
    super(hint ? `${message}. ${hint}` : message);
    this.name = new.target.name;
    this.code = code;
    this.hint = hint;
  }
}

/** A registry lookup named something no plugin provides. */
export class UnknownEntryError extends FaninError {
  readonly kind: string;
  readonly requested: string;
  readonly available: readonly string[];
  readonly suggestion: string | undefined;

  constructor(kind: string, requested: string, available: readonly string[], suggestion?: string) {
    const did = suggestion ? ` Did you mean "${suggestion}"?` : '';
    const list =
      available.length > 0
        ? available.join(', ')
        : `none (register a plugin that provides ${kind} entries)`;
    super('UNKNOWN_ENTRY', `unknown ${kind} "${requested}".${did} Available: ${list}`);
    this.kind = kind;
    this.requested = requested;
    this.available = available;
    this.suggestion = suggestion;
  }
}

/** An option value that does not match its declared schema. */
export class InvalidOptionError extends FaninError {
  readonly subject: string;
  readonly path: string;
  readonly expected: string;
  readonly received: unknown;

  constructor(subject: string, path: string, expected: string, received: unknown) {
    super(
      'INVALID_OPTION',
      `${subject}: option "${path}" must be ${expected}, got ${describeValue(received)}`,
    );
    this.subject = subject;
    this.path = path;
    this.expected = expected;
    this.received = received;
  }
}

/** Two plugins registered the same name for the same kind. */
export class DuplicatePluginError extends FaninError {
  constructor(
    readonly kind: string,
    readonly entry: string,
    readonly firstPlugin: string,
    readonly secondPlugin: string,
  ) {
    super(
      'DUPLICATE_PLUGIN',
      `${kind} "${entry}" is provided by both "${firstPlugin}" and "${secondPlugin}"`,
      'Register only one of them, or rename the entry in your own plugin',
    );
  }
}

/** A registry was changed after `createRegistry` froze it. */
export class FrozenRegistryError extends FaninError {
  constructor(readonly operation: string) {
    super(
      'FROZEN_REGISTRY',
      `cannot ${operation}: the registry is frozen`,
      'Create a new one with createRegistry({ plugins: [...registry.plugins, yourPlugin] })',
    );
  }
}

/** A backend was requested whose package is not installed or failed to initialize. */
export class BackendUnavailableError extends FaninError {
  constructor(
    readonly backend: string,
    reason: string,
    hint?: string,
  ) {
    super('BACKEND_UNAVAILABLE', `backend "${backend}" is not available: ${reason}`, hint);
  }
}

/** Input data or a configuration has the wrong shape or content. */
export class ShapeError extends FaninError {
  constructor(message: string, hint?: string) {
    super('SHAPE_MISMATCH', message, hint);
  }
}

/** Formats a value for an error message: strings quoted, long values cut. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (typeof value === 'string')
    return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
  if (typeof value === 'number' || typeof value === 'boolean' || value === null)
    return String(value);
  if (typeof value === 'bigint') return `${value}n`;
  if (typeof value === 'function') return 'a function';
  try {
    const json = JSON.stringify(value);
    return json.length > 60 ? `${json.slice(0, 57)}...` : json;
  } catch {
    return Object.prototype.toString.call(value);
  }
}
