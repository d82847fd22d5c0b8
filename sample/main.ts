import 'reflect-metadata';
import { Client } from '../src';
import { playDemo } from './demo/demo-user';
import { startSample } from './start-sample';

// `npm start`: the sample bot against an embedded fake Discord, a short scripted scene, then the
// bot stays online until Ctrl+C. `npm start -- --once` exits after the scene.
async function main(): Promise<void> {
  const once = process.argv.includes('--once');
  const sample = await startSample({ port: Number(process.env['FAKE_DISCORD_PORT'] ?? 0) });
  let closing: Promise<void> | undefined;
  const shutdown = (reason: string, signal?: NodeJS.Signals): Promise<void> => {
    closing ??= (async () => {
      console.log(`\n[sample] ${reason}: closing the bot, then the fake Discord`);
      await sample.close(signal);
      console.log('[sample] closed cleanly');
    })();
    return closing;
  };
  process.once('SIGINT', () => void shutdown('SIGINT', 'SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM', 'SIGTERM'));

  const bot = sample.app.get(Client).user;
  console.log(`\n[sample] ${bot?.username ?? 'the bot'} is online.`);
  if (sample.discord !== undefined && sample.world !== undefined) {
    console.log(`[sample] fake Discord: REST ${sample.discord.restUrl}/v10, gateway ${sample.discord.gatewayUrl}, token ${sample.discord.token}`);
    console.log('[sample] a short scene in the "Oven Demo" guild:\n');
    await playDemo(sample.discord, sample.world, (step) => console.log(`  ${step.action}\n    -> ${step.answer.replace(/\n/g, '\n       ')}`));
  }
  if (once) {
    await shutdown('--once');
    return;
  }
  console.log('\n[sample] The bot stays online; press Ctrl+C to stop.');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
