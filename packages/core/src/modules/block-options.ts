import { option } from '../options/option.js';
import type { CreateContext, PlacementContext } from '../registry/entry.js';
import type { EntryConfig } from '../registry/registry.js';
import { entryReferenceOption } from '../options/entry-reference.js';
import type { Module } from './module.js';

/** Where a block's normalization goes relative to its activation. */
export const NORM_POSITIONS = ['beforeActivation', 'afterActivation'] as const;
export type NormPosition = (typeof NORM_POSITIONS)[number];

/**
 * The options a layer entry takes to become a block (dense, conv2d): a normalization and an
 * activation after the layer, in this order unless `normPosition` says otherwise. Spread them
 * into the entry's options and pass the resolved values to {@link createBlockStages}.
 */
export const blockOptions = {
  activation: entryReferenceOption('activation', 'Activation after the layer (default none)'),
  norm: entryReferenceOption('normalization', 'Normalization after the layer (default none)'),
  normPosition: option.enum(NORM_POSITIONS, {
    description: 'Normalize before the activation (default, as Ioffe & Szegedy) or after it',
    default: 'beforeActivation',
  }),
} as const;

/** The resolved block options of an entry. */
export interface BlockOptionValues {
  readonly activation: EntryConfig | undefined;
  readonly norm: EntryConfig | undefined;
  readonly normPosition: NormPosition;
}

/**
 * Where a child entry of an entry goes: the placement `buildModel` gave (`context.place`), or,
 * outside a model, a stream forked from the entry's own.
 */
export function placeChild(context: CreateContext, child: string): PlacementContext {
  if (context.place) return context.place(child);
  return {
    ...(context.random ? { random: context.random.fork(child) } : {}),
    path: context.path ? `${context.path}.${child}` : child,
  };
}

/** Creates a block's normalization and activation, each placed as the child of its name. */
export function createBlockStages(
  options: BlockOptionValues,
  context: CreateContext,
): { norm?: Module; activation?: Module; normPosition: NormPosition } {
  const { registry } = context;
  return {
    normPosition: options.normPosition,
    ...(options.norm !== undefined
      ? { norm: registry.create('normalization', options.norm, placeChild(context, 'norm')) }
      : {}),
    ...(options.activation !== undefined
      ? {
          activation: registry.create(
            'activation',
            options.activation,
            placeChild(context, 'activation'),
          ),
        }
      : {}),
  };
}
