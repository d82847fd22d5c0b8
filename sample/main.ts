import 'reflect-metadata';
import { EventScope, OvenFactory } from '../src';
import { AppModule } from './app.module';
import { GreetingHandler } from './greeting/greeting.handler';
import type { GreetingEvent } from './greeting/greeting-event';

async function main(): Promise<void> {
  const app = await OvenFactory.create(AppModule);
  app.enableShutdownHooks();
  await app.listen();

  // Each incoming event gets its own scope: the handler is built for it with the event injected.
  const events: GreetingEvent[] = [{ userName: 'Ada' }, { userName: 'Linus' }];
  for (const event of events) {
    const reply = await EventScope.run(event, async () => app.get(GreetingHandler).handle());
    console.log(`[event] ${reply}`);
  }

  await app.close();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
