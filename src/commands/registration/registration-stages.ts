import type { CatalogCommand } from '../catalog/command-catalog';
import { CommandStageError } from '../command-errors';
import type { RegistrationPlan } from './command-registrar';

/** What a registration transform sees: the commands about to be synced with Discord. */
export interface RegistrationTransformEvent {
  readonly applicationId: string;
  /** Edit in place or return a replacement list. */
  commands: CatalogCommand[];
}

/**
 * Rewrites the commands `CommandsModule` is about to sync with Discord (add, drop or edit).
 * Return a replacement list, or nothing to keep `event.commands`.
 *
 * @example
 * ```ts
 * router.registration.transform(({ commands }) => commands.filter((c) => c.json.name !== 'debug'));
 * ```
 */
export type RegistrationTransform = (event: RegistrationTransformEvent) => CatalogCommand[] | void | Promise<CatalogCommand[] | void>;

/** What `onRegistered` listeners receive once a sync finished. */
export interface RegisteredEvent {
  readonly applicationId: string;
  readonly plan: RegistrationPlan;
}

/**
 * The stages around command registration, kept by the `CommandRouter` (`router.registration`)
 * so that whoever syncs the router's commands (`CommandsModule` at login) lets others take part:
 * transforms edit the list before the diff, listeners hear what the sync did. The hooks
 * capability bridges them into `beforeCommandRegister` and `afterCommandRegister`.
 *
 * @example
 * ```ts
 * const commands = await router.registration.prepare(applicationId, router.catalog.commands);
 * const plan = await registrar.sync(commands);
 * await router.registration.registered(applicationId, plan);
 * ```
 */
export class RegistrationStages {
  private transforms: readonly RegistrationTransform[] = [];
  private listeners: readonly ((event: RegisteredEvent) => void | Promise<void>)[] = [];

  /** Adds a transform, run in insertion order; returns a function that removes it. */
  public transform(transform: RegistrationTransform): () => void {
    this.transforms = [...this.transforms, transform];
    return () => {
      this.transforms = this.transforms.filter((t) => t !== transform);
    };
  }

  /** Listens to finished syncs; returns a function that stops listening. */
  public onRegistered(listener: (event: RegisteredEvent) => void | Promise<void>): () => void {
    this.listeners = [...this.listeners, listener];
    return () => {
      this.listeners = this.listeners.filter((l) => l !== listener);
    };
  }

  /** Runs the transforms over `commands`; throws `CommandStageError` when one returns a non-list. */
  public async prepare(applicationId: string, commands: readonly CatalogCommand[]): Promise<readonly CatalogCommand[]> {
    if (this.transforms.length === 0) return commands;
    const event: RegistrationTransformEvent = { applicationId, commands: [...commands] };
    for (const transform of this.transforms) {
      const result = await transform(event);
      if (result === undefined) continue;
      if (!Array.isArray(result)) {
        throw new CommandStageError(
          `A registration transform returned ${result === null ? 'null' : typeof result}; return an array of commands (or nothing to keep them).`,
        );
      }
      event.commands = result;
    }
    return event.commands;
  }

  /** Tells the listeners what a sync did, one after the other; a failing one is reported, not thrown. */
  public async registered(applicationId: string, plan: RegistrationPlan): Promise<void> {
    for (const listener of this.listeners) {
      try {
        await listener({ applicationId, plan });
      } catch (error) {
        console.error('[ovenjs] a command registration listener failed:', error);
      }
    }
  }
}
