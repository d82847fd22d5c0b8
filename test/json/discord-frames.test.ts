import { JsonDecoder } from '../../src/json';
import { decodeDifference } from './differential';
import { discordFrames } from './discord-frames';
import { countShapes } from './shape-counter';

describe('JsonDecoder on a gateway stream', () => {
  it('equals JSON.parse on interleaved Discord dispatch frames and never falls back to it', () => {
    const shapes = countShapes();
    try {
      const frames = discordFrames(3, 600);
      const kinds = new Set(frames.map((f) => f.t));
      expect([...kinds]).toEqual(expect.arrayContaining(['READY', 'GUILD_CREATE', 'MESSAGE_CREATE', 'MESSAGE_UPDATE', 'PRESENCE_UPDATE', 'INTERACTION_CREATE', 'MESSAGE_REACTION_ADD']));
      const decoder = new JsonDecoder({ tagKey: 't' });
      const found = frames.map((frame) => decodeDifference(decoder, Buffer.from(frame.text))).filter((d) => d !== undefined);
      expect(found).toEqual([]);
      expect(decoder.stats()).toEqual({ fast: frames.length, fallbacks: 0 });
      // Each kind's `d` keeps its own shapes (tagKey 't'), so after the first few frames nearly
      // every object comes from compiled code; without tags the kinds would evict each other.
      expect(shapes.counts.hits).toBeGreaterThan(10 * shapes.counts.misses);
      expect(shapes.counts.compiled).toBeLessThan(200);
    } finally {
      shapes.restore();
    }
  });

  it('keeps the shapes of each tag apart, so kinds that alternate are each compiled', () => {
    const shapes = countShapes();
    try {
      const decoder = new JsonDecoder({ tagKey: 't' });
      const a = '{"t":"A","s":1,"op":0,"d":{"id":"1","a":1}}';
      const b = '{"t":"B","s":2,"op":0,"d":{"id":"2","b":"x","c":[{"k":1}]}}';
      for (let i = 0; i < 10; i++) {
        expect(decodeDifference(decoder, Buffer.from(a))).toBeUndefined();
        expect(decodeDifference(decoder, Buffer.from(b))).toBeUndefined();
      }
      // The envelope, A's d, B's d and B's list element: without tags the two d shapes would
      // alternate at one place, never be seen twice in a row, and never compile.
      expect(shapes.counts.compiled).toBe(4);
      expect(shapes.counts.misses).toBe(0);
      expect(shapes.counts.hits).toBeGreaterThan(30);
    } finally {
      shapes.restore();
    }
  });
});
