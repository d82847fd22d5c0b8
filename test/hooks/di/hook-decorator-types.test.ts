import { type ApiRequestPayload, Hook, HookMarker, type MessageVeto, type OutgoingMessagePayload } from '../../../src/hooks';

// The type checks here run under `npm run typecheck`: each @ts-expect-error must stay an error.
class Handlers {
  @Hook('beforeAPICall', { priority: 3 })
  public rewrite(request: ApiRequestPayload): ApiRequestPayload {
    return request;
  }

  @Hook('messageValidate')
  public async validate(message: OutgoingMessagePayload): Promise<MessageVeto | undefined> {
    return message.body.content === '' ? { reason: 'empty' } : undefined;
  }

  // @ts-expect-error the payload of beforeAPICall is an ApiRequestPayload, not a number
  @Hook('beforeAPICall')
  public wrongPayload(request: number): void {
    void request;
  }

  // @ts-expect-error a bail hook's handler returns a veto, not a string
  @Hook('messageValidate')
  public wrongResult(): string {
    return 'nope';
  }
}

describe('@Hook', () => {
  it('records the hook point and priority on the method for discovery', () => {
    expect(HookMarker.get(Handlers).map((use) => [use.methodName, use.metadata])).toEqual([
      ['rewrite', { hook: 'beforeAPICall', priority: 3 }],
      ['validate', { hook: 'messageValidate', priority: 0 }],
      ['wrongPayload', { hook: 'beforeAPICall', priority: 0 }],
      ['wrongResult', { hook: 'messageValidate', priority: 0 }],
    ]);
  });
});
