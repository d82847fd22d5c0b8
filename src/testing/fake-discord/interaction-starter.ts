import { FakeInteraction } from './fake-interaction';
import type { AutocompleteOptions, ComponentInteractionOptions, InvokeCommandOptions, SelectMenuOptions, SubmitModalOptions } from './world/interaction-inputs';
import { InteractionFactory } from './world/interaction-factory';
import type { RecordedInteractionResponse } from './world/interaction-store';
import type { World } from './world/world';

/** Starts interactions as a user would and wraps them so a test can await the bot's callback. */
export class InteractionStarter {
  private readonly factory: InteractionFactory;

  public constructor(
    private readonly world: World,
    private readonly waitForResponse: (interactionId: string, timeoutMs: number) => Promise<RecordedInteractionResponse>,
  ) {
    this.factory = new InteractionFactory(world);
  }

  public command(options: InvokeCommandOptions): FakeInteraction {
    return this.wrap(this.factory.command(options));
  }

  public autocomplete(options: AutocompleteOptions): FakeInteraction {
    return this.wrap(this.factory.command(options, options.focused));
  }

  public button(options: ComponentInteractionOptions): FakeInteraction {
    return this.wrap(this.factory.component(options));
  }

  public selectMenu(options: SelectMenuOptions): FakeInteraction {
    return this.wrap(this.factory.component(options, options.values));
  }

  public modal(options: SubmitModalOptions): FakeInteraction {
    return this.wrap(this.factory.modal(options));
  }

  private wrap(record: ReturnType<InteractionFactory['command']>): FakeInteraction {
    return new FakeInteraction(record, this.waitForResponse, this.world);
  }
}
