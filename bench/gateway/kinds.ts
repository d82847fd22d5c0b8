/**
 * The clients the throughput half compares, in shard order: the kind at index k runs shard k.
 * `raw` and `floor` hand nothing to user code: they are the baselines the frameworks are read against.
 */
export const KINDS = ['raw', 'floor', 'ovenjs', 'ovenjs-no-cache', 'ovenjs-ws', 'discordjs'] as const;
export type Kind = (typeof KINDS)[number];

/** What each kind is, as the tables print it. */
export const KIND_LABELS: Record<Kind, string> = {
  raw: 'raw: ws + JSON.parse',
  floor: 'floor: OvenJS transport + JsonDecoder',
  ovenjs: 'OvenJS @OnEvent',
  'ovenjs-no-cache': 'OvenJS @OnEvent, cache: false',
  'ovenjs-ws': "OvenJS @OnEvent, transport 'ws'",
  discordjs: 'discord.js',
};
