import { CommandRouter } from '../../src/commands';
import { Module, OvenFactory } from '../../src/di';
import { EventPipeline } from '../../src/gateway';
import { RestClient } from '../../src/rest';
import { TelemetryBinder, TelemetryModule } from '../../src/telemetry';
import { RecordingRest } from '../commands/interaction-fixtures';
import { RecordingMeter, RecordingTracer } from './support/recorder';

describe('TelemetryModule', () => {
  it('instruments the app engines it finds at bootstrap, honours the switches, and detaches on close', async () => {
    const tracer = new RecordingTracer();
    const meter = new RecordingMeter();
    const rest = new RestClient({ token: 't' });
    const pipeline = new EventPipeline({ batch: false });
    const router = new CommandRouter({ rest: new RecordingRest() });

    @Module({
      imports: [TelemetryModule.forRoot({ tracer, meter, commands: false })],
      providers: [
        { provide: RestClient, useValue: rest },
        { provide: EventPipeline, useValue: pipeline },
        { provide: CommandRouter, useValue: router },
      ],
    })
    class AppModule {}

    const app = await OvenFactory.create(AppModule);
    await app.init();
    expect(app.get(TelemetryBinder).attached).toEqual(['rest', 'events']);
    rest.use((ctx) => {
      ctx.response = { status: 200, headers: {}, data: {} };
    });
    await rest.get('/users/@me');
    expect(tracer.spans.map((s) => s.name)).toEqual(['GET /users/@me']);

    pipeline.handle('GUILD_CREATE', () => undefined);
    pipeline.push({ op: 0, t: 'GUILD_CREATE', s: 1, d: { id: '1' } } as never, 0);
    pipeline.flush();
    expect(tracer.spans.map((s) => s.name)).toEqual(['GET /users/@me', 'event GUILD_CREATE']);

    await app.close();
    await rest.get('/users/@me');
    pipeline.push({ op: 0, t: 'GUILD_CREATE', s: 2, d: { id: '1' } } as never, 0);
    pipeline.flush();
    expect(tracer.spans).toHaveLength(2);
    expect(pipeline.handlerCount('GUILD_CREATE')).toBe(1);
    await rest.close();
  });

  it('starts in an app without any engine, instrumenting nothing', async () => {
    @Module({ imports: [TelemetryModule.forRoot({ meter: new RecordingMeter() })] })
    class EmptyApp {}
    const app = await OvenFactory.create(EmptyApp);
    await app.init();
    expect(app.get(TelemetryBinder).attached).toEqual([]);
    await app.close();
  });
});
