import { createStore } from '../../src/state';

export interface GuildSettings {
  prefix: string;
  roles: Set<string>;
}

export interface SettingsState {
  guilds: Record<string, GuildSettings>;
  count: number;
}

export function settingsStore(options: { name?: string; historyLimit?: number; id?: string } = {}) {
  return createStore({
    name: options.name ?? 'settings',
    ...(options.historyLimit === undefined ? {} : { historyLimit: options.historyLimit }),
    ...(options.id === undefined ? {} : { id: options.id }),
    initial: { guilds: {}, count: 0 } as SettingsState,
    reducers: {
      'guild/setPrefix': (draft, action: { guildId: string; prefix: string }) => {
        const guild = (draft.guilds[action.guildId] ??= { prefix: '!', roles: new Set() });
        guild.prefix = action.prefix;
      },
      'guild/addRole': (draft, action: { guildId: string; roleId: string }) => {
        draft.guilds[action.guildId]?.roles.add(action.roleId);
      },
      'guild/remove': (draft, action: { guildId: string }) => {
        delete draft.guilds[action.guildId];
      },
      increment: (draft) => {
        draft.count += 1;
      },
    },
  });
}
