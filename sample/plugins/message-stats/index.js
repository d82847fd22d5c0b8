'use strict';

/**
 * The sample bot's local plugin: counts the messages people send per channel, offers the counts
 * to the app as the "message-stats" service, and signs the bot's own messages with the total.
 * Its counts survive a hot reload: onUnload hands them to the next version's onLoad.
 */
module.exports = class MessageStats {
  onLoad(context, previous) {
    this.counts = new Map(previous ? previous.counts : []);
  }

  onEnable(context) {
    context.hooks.register('afterMessageReceive', ({ message }) => {
      if (message.author && message.author.bot) return;
      this.counts.set(message.channel_id, (this.counts.get(message.channel_id) || 0) + 1);
    });
    context.hooks.register('beforeMessageSend', (outgoing) => {
      if (typeof outgoing.body.content !== 'string' || outgoing.body.content.length > 1900) return undefined;
      const seen = this.counts.get(outgoing.channelId) || 0;
      return { ...outgoing, body: { ...outgoing.body, content: `${outgoing.body.content}\n-# ${seen} messages seen here` } };
    });
    context.services.provide('message-stats', {
      count: (channelId) => this.counts.get(channelId) || 0,
      total: () => [...this.counts.values()].reduce((sum, n) => sum + n, 0),
    });
  }

  onUnload() {
    return { counts: [...this.counts] };
  }
};
