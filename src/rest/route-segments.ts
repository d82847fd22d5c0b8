/**
 * Every fixed word of a Discord API path: the static segments of the oracle's OpenAPI description
 * and of discord-api-types' `Routes`. A route key keeps these and replaces anything else with a
 * placeholder, so ids or text taken from user input cannot make a new route (and a new limiter
 * entry) per distinct value. test/rest/route-segments.test.ts fails when either source gains a word
 * missing here.
 */
export const ROUTE_SEGMENTS: ReadonlySet<string> = new Set([
  '@me', '@original', 'active', 'activity-instances', 'answers', 'application-identities', 'applications',
  'archived', 'attachment', 'audit-logs', 'authorize', 'auto-moderation', 'bans', 'bot', 'bulk', 'bulk-ban',
  'bulk-delete', 'callback', 'channel-linking', 'channels', 'commands', 'connections', 'consume', 'counts',
  'crosspost', 'delete', 'dms', 'emojis', 'entitlements', 'exceptions', 'expire', 'followers', 'gateway', 'github',
  'guilds', 'identities', 'incident-actions', 'integrations', 'interactions', 'invites', 'job-status', 'keys',
  'lobbies', 'member', 'member-counts', 'member-verification', 'members', 'messages', 'metadata', 'mfa',
  'moderation-metadata', 'new-member-welcome', 'nick', 'oauth2', 'onboarding', 'partner-sdk', 'permissions', 'pins',
  'polls', 'preview', 'private', 'profile', 'provisional-accounts', 'prune', 'public', 'reactions', 'recipients',
  'regions', 'requests', 'revoke', 'role-connection', 'role-connections', 'roles', 'rules', 'scheduled-events',
  'search', 'send-soundboard-sound', 'skus', 'slack', 'soundboard-default-sounds', 'soundboard-sounds',
  'stage-instances', 'sticker-packs', 'stickers', 'subscriptions', 'target-users', 'templates', 'thread-members',
  'threads', 'token', 'typing', 'unmerge', 'userinfo', 'users', 'vanity-url', 'voice', 'voice-states',
  'voice-status', 'webhooks', 'welcome-screen', 'widget', 'widget.json', 'widget.png',
]);
