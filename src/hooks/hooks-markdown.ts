import type { HookPointInfo } from './hook-point';

const KIND_TEXT = {
  waterfall: 'waterfall: each handler may return a new payload; the caller gets the last one',
  series: 'series: handlers run one after another, each awaited',
  parallel: 'parallel: handlers run together; failures are reported, never thrown into the engine',
  bail: 'bail: handlers run in order until one returns a value, which stops the action',
} as const;

/**
 * Renders the hook point reference (`docs/hooks.md`) from the registry, so the document cannot
 * drift from the code: a test regenerates it and fails when the committed file differs.
 *
 * @param wiredBy hook point name to the bridge that fires it today; points missing from it are
 *   marked as not fired yet.
 * @example
 * ```ts
 * writeFileSync('docs/hooks.md', renderHooksMarkdown(BUILTIN_HOOK_POINTS, HOOK_WIRING));
 * ```
 */
export function renderHooksMarkdown(
  points: readonly HookPointInfo[],
  wiredBy: ReadonlyMap<string, string>,
): string {
  const lines: string[] = [
    '# Hook points',
    '',
    '<!-- Generated from src/hooks/points by test/hooks/hooks-doc.test.ts ' +
      '(OVEN_UPDATE_DOCS=1 npx jest test/hooks/hooks-doc). Do not edit by hand. -->',
    '',
    `OvenJS declares ${points.length} hook points. Register a handler with ` +
      '`hooks.register(name, handler, { priority })` or `@Hook(name, { priority })` on a provider method; ' +
      'higher priorities run first.',
    '',
    '```ts',
    "hooks.register('beforeAPICall', (request) => { request.headers['X-Audit-Log-Reason'] ??= 'bot'; }, { priority: 10 });",
    "hooks.register('messageValidate', ({ body }) => (body.content?.includes('@everyone') ? { reason: 'no mass pings' } : undefined));",
    '',
    '@Injectable()',
    'class Moderation {',
    "  @Hook('messageFilter')",
    "  ignoreBots({ message }: ReceivedMessagePayload) { return message.author.bot ? { reason: 'bot' } : undefined; }",
    '}',
    '```',
    '',
    'Kinds:',
    ...Object.values(KIND_TEXT).map((text) => `- ${text}.`),
    '',
    'Handlers may be sync or async. `executeSync` (used where the engine cannot wait, such as the ' +
      'event pipeline\'s veto and transform stages) refuses async handlers with `OVEN_ERR_HOOK_ASYNC_IN_SYNC`. ' +
      '`hooks.listHooks()` shows every point with its handlers in run order; `unregister`, ' +
      '`unregisterOwner` (what a plugin does on disable) and the handle returned by `register` remove them.',
    '',
    '## Tracing',
    '',
    '`new HookManager({ trace: true })` (or `setTracing(true)`) records, for each execute, the chain ' +
      'in run order, each handler\'s time and outcome, and what it changed (path, before, after). ' +
      'Read them with `traces()`, or log them as they happen: ' +
      '`hooks.onTrace((trace) => console.debug(formatHookTrace(trace)))`. Tracing snapshots payloads, ' +
      'so keep it for debugging.',
    '',
    '## Budgets',
    '',
    'Some callers have a deadline: an interaction must get its first answer within 3 seconds. The ' +
      'points they wait on have a time budget; past it `execute` resolves anyway (a `bail` point ' +
      'with no veto, a `waterfall` point with the payload as the finished handlers left it), the ' +
      'handlers after the slow one do not run, and a `HookBudgetError` (`OVEN_ERR_HOOK_BUDGET_EXCEEDED`) ' +
      'naming the hook and the slow handler goes to `hooks.onHandlerError(...)`. Change a budget with ' +
      '`HooksModule.forRoot({ budgets: { beforeCommandRun: 1000 } })`, `new HookManager({ budgets })` or ' +
      '`hooks.setBudget(name, ms)`; `false` waits however long the handlers take.',
    '',
    ...points.filter((p) => p.budgetMs !== undefined).map((p) => `- \`${p.name}\`: ${p.budgetMs} ms`),
    '',
    '## Where the hooks come from',
    '',
    'Engines do not import the hook manager; bridges connect them. `HooksModule.forRoot()` installs ' +
      'every bridge for the engines in the app; without DI, call them yourself: ' +
      '`bridgeClientHooks(client, hooks)`, `bridgeRestHooks(rest, hooks)`, ' +
      '`bridgeGatewayHooks(shardManager, hooks)`, `bridgeEventHooks(pipeline, hooks)`, ' +
      '`bridgeCommandHooks(router, hooks)`, `syncCommandsWithHooks(...)` and `new HookedCache(cache, hooks)`. ' +
      'Plugin hooks are fired by the `PluginManager` itself.',
    '',
    `Fired today: ${points.filter((p) => wiredBy.has(p.name)).length} of ${points.length}. ` +
      'A point marked "not fired yet" is declared and can be executed by your own code, but no ' +
      'OvenJS engine calls it yet.',
  ];
  const categories = [...new Set(points.map((point) => point.category))];
  for (const category of categories) {
    lines.push('', `## ${category[0]?.toUpperCase()}${category.slice(1)}`, '');
    lines.push('| hook | kind | payload | fires at | fired by | what for |', '|---|---|---|---|---|---|');
    for (const point of points.filter((p) => p.category === category)) {
      const payload = point.resultType === undefined ? `\`${point.payloadType}\`` : `\`${point.payloadType}\` → \`${point.resultType}\``;
      const fired = wiredBy.get(point.name) ?? 'not fired yet';
      lines.push(`| \`${point.name}\` | ${point.kind} | ${payload} | ${point.firesAt} | ${fired} | ${point.description} |`);
    }
  }
  return `${lines.join('\n')}\n`;
}
