import { type ApiRequestPayload, Hook, HookMarker, type MessageVeto, Middleware, MiddlewareMarker, type OutgoingMessagePayload } from '../../../src/hooks';
import type { RestContext } from '../../../src/rest';

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

@Middleware({ scope: 'rest', priority: 2 })
class GoodRestMiddleware {
  public async use(ctx: RestContext, next: () => Promise<void>): Promise<void> {
    ctx.request.headers['X-Trace'] = '1';
    await next();
  }
}

// @ts-expect-error a middleware class needs a use(ctx, next) method
@Middleware({ scope: 'rest' })
class NoUse {
  public handle(): void {}
}

// @ts-expect-error an interaction middleware receives an InteractionContext, not a number
@Middleware({ scope: 'interaction' })
class WrongContext {
  public use(ctx: number): void {
    void ctx;
  }
}

describe('@Middleware', () => {
  it('records its scope and priority for discovery', () => {
    expect(MiddlewareMarker.get(GoodRestMiddleware)).toEqual({ scope: 'rest', priority: 2 });
    expect(MiddlewareMarker.get(NoUse)).toEqual({ scope: 'rest' });
    expect(MiddlewareMarker.get(WrongContext)).toEqual({ scope: 'interaction' });
  });
});

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
