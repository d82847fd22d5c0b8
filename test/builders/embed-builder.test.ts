import { BuilderLimitError, EmbedBuilder, validateEmbed, validateEmbeds } from '../../src/builders';

function limitOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    if (error instanceof BuilderLimitError) return `${error.code} ${error.limit} @ ${error.path}`;
    throw error;
  }
  throw new Error('expected a BuilderLimitError');
}

describe('EmbedBuilder', () => {
  it('builds the embed JSON Discord expects', () => {
    const json = new EmbedBuilder()
      .setTitle('Status')
      .setDescription('All good')
      .setColor(0x57f287)
      .setURL('https://example.com')
      .setFooter({ text: 'footer', iconURL: 'https://example.com/f.png' })
      .setAuthor({ name: 'bot' })
      .addFields({ name: 'CPU', value: '12%', inline: true })
      .setTimestamp(0)
      .toJSON();
    expect(json).toEqual({
      title: 'Status',
      description: 'All good',
      color: 0x57f287,
      url: 'https://example.com',
      footer: { text: 'footer', icon_url: 'https://example.com/f.png' },
      author: { name: 'bot' },
      fields: [{ name: 'CPU', value: '12%', inline: true }],
      timestamp: '1970-01-01T00:00:00.000Z',
    });
  });

  it('accepts each field exactly at its limit', () => {
    const b = new EmbedBuilder().setTitle('t'.repeat(256)).setDescription('d'.repeat(4096));
    expect(b.toJSON().title).toHaveLength(256);
  });

  it.each([
    ['title', () => new EmbedBuilder().setTitle('x'.repeat(257)), 'embed.title @ embed.title'],
    ['description', () => new EmbedBuilder().setDescription('x'.repeat(4097)), 'embed.description @ embed.description'],
    ['footer', () => new EmbedBuilder().setFooter({ text: 'x'.repeat(2049) }), 'embed.footer.text @ embed.footer.text'],
    ['author', () => new EmbedBuilder().setAuthor({ name: 'x'.repeat(257) }), 'embed.author.name @ embed.author.name'],
    ['field name', () => new EmbedBuilder().addFields({ name: 'x'.repeat(257), value: 'v' }), 'embed.field.name @ embed.fields[0].name'],
    ['field value', () => new EmbedBuilder().addFields({ name: 'n', value: 'x'.repeat(1025) }), 'embed.field.value @ embed.fields[0].value'],
    ['empty field value', () => new EmbedBuilder().addFields({ name: 'n', value: '' }), 'embed.field.value @ embed.fields[0].value'],
    ['colour', () => new EmbedBuilder().setColor(0x1000000), 'embed.color @ embed.color'],
    ['url', () => new EmbedBuilder().setURL('ftp://x'), 'embed.url @ embed.url'],
  ])('names the broken limit: %s', (_name, build, expected) => {
    expect(limitOf(build)).toBe(`OVEN_ERR_BUILDERS_LIMIT ${expected}`);
  });

  it('refuses a 26th field', () => {
    const b = new EmbedBuilder();
    for (let i = 0; i < 25; i += 1) b.addFields({ name: `f${i}`, value: 'v' });
    expect(limitOf(() => b.addFields({ name: 'one more', value: 'v' }))).toBe('OVEN_ERR_BUILDERS_LIMIT embed.fields @ embed.fields');
  });

  it('checks the 6000-character total at toJSON', () => {
    const b = new EmbedBuilder().setDescription('d'.repeat(4096));
    b.addFields({ name: 'n', value: 'v'.repeat(1024) }, { name: 'n', value: 'v'.repeat(1024) });
    expect(() => b.toJSON()).toThrow(/holds 6146 characters.*allows 6000/);
  });

  it('does not share state with the object it was built from', () => {
    const source = { title: 'a', fields: [{ name: 'n', value: 'v' }] };
    new EmbedBuilder(source).addFields({ name: 'n2', value: 'v2' }).setTitle('b');
    expect(source).toEqual({ title: 'a', fields: [{ name: 'n', value: 'v' }] });
  });
});

describe('validateEmbeds', () => {
  it('counts the total over all embeds of a message', () => {
    const big = { description: 'd'.repeat(4000) };
    validateEmbed(big);
    expect(() => validateEmbeds([big, big])).toThrow(/hold 8000 characters together/);
  });

  it('refuses more than 10 embeds', () => {
    expect(limitOf(() => validateEmbeds(Array.from({ length: 11 }, () => ({ title: 'x' }))))).toBe(
      'OVEN_ERR_BUILDERS_LIMIT message.embeds @ embeds',
    );
  });

  it('gives the path of the faulty embed', () => {
    expect(limitOf(() => validateEmbeds([{ title: 'ok' }, { fields: [{ name: 'a', value: 'x'.repeat(2000) }] }]))).toBe(
      'OVEN_ERR_BUILDERS_LIMIT embed.field.value @ embeds[1].fields[0].value',
    );
  });
});

describe('lengths as Discord counts them', () => {
  const cake = '\u{1F370}'; // one code point, two UTF-16 units

  it('counts an emoji outside the BMP as one character, so a title of 256 of them is accepted', () => {
    const title = cake.repeat(256);
    expect(title.length).toBe(512);
    expect(new EmbedBuilder().setTitle(title).toJSON().title).toBe(title);
    expect(limitOf(() => new EmbedBuilder().setTitle(`${title}x`))).toBe('OVEN_ERR_BUILDERS_LIMIT embed.title @ embed.title');
  });

  it('counts code points in the 6000-character total', () => {
    const description = cake.repeat(4096);
    const fields = Array.from({ length: 2 }, (_, index) => ({ name: `f${index}`, value: cake.repeat(950) }));
    expect(() => validateEmbed({ description, fields })).not.toThrow();
    expect(limitOf(() => validateEmbed({ description, fields: [...fields, { name: 'x', value: cake.repeat(10) }] }))).toMatch(/embed\.total|total/);
  });

  it('counts a lone surrogate as one character', () => {
    expect(() => new EmbedBuilder().setTitle('\uD83C'.repeat(256))).not.toThrow();
    expect(limitOf(() => new EmbedBuilder().setTitle('\uD83C'.repeat(257)))).toBe('OVEN_ERR_BUILDERS_LIMIT embed.title @ embed.title');
  });
});
