import { OvenError } from '../../errors';

/** A `messageValidate` hook refused an outgoing message; nothing was sent to Discord. */
export class MessageVetoedError extends OvenError {
  public constructor(
    public readonly channelId: string,
    public readonly reason: string,
  ) {
    super(
      'OVEN_ERR_HOOK_MESSAGE_VETOED',
      `A messageValidate hook refused the message to channel ${channelId}: ${reason}. ` +
        'Change the message, or the hook that refused it (hooks.listHooks() shows who is registered).',
    );
  }
}
