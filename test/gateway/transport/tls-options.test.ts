import type { APIGatewayBotInfo } from 'discord-api-types/v10';
import { GatewayOptionError, GatewayProtocolError, GatewayTlsError, Shard, ShardManager } from '../../../src/gateway';
import { checkTlsOptions } from '../../../src/gateway/transport';
import { untrustedCertificateError } from '../../../src/gateway/transport/tls-options';

const PEM = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';
const fetchGatewayInfo = async (): Promise<APIGatewayBotInfo> => ({
  url: 'wss://127.0.0.1:9',
  shards: 1,
  session_start_limit: { total: 1000, remaining: 1000, reset_after: 0, max_concurrency: 1 },
});

describe('gateway TLS options', () => {
  it('accepts PEM text, a Buffer, a list of them and rejectUnauthorized', () => {
    expect(checkTlsOptions(undefined, 'Shard')).toBeUndefined();
    expect(checkTlsOptions({ ca: PEM }, 'Shard')).toEqual({ ca: PEM });
    expect(checkTlsOptions({ ca: [PEM, Buffer.from(PEM)], rejectUnauthorized: true }, 'Shard')).toBeDefined();
    expect(() => new ShardManager({ token: 't', intents: 0, fetchGatewayInfo, tls: { ca: Buffer.from(PEM) } })).not.toThrow();
  });

  it.each([
    ['a path instead of the contents', { ca: 'test/fixtures/tls/cert.pem' }, /not look like a PEM certificate.*readFileSync/],
    ['a number as ca', { ca: 42 }, /tls\.ca must be PEM text or a Buffer/],
    ['an empty ca list', { ca: [] }, /tls\.ca must be PEM text or a Buffer/],
    ['a string rejectUnauthorized', { rejectUnauthorized: 'false' }, /tls\.rejectUnauthorized must be a boolean, got string/],
    ['null', null, /tls must be an object/],
  ])('refuses %s with OVEN_ERR_GATEWAY_INVALID_OPTION', (_what, tls, message) => {
    const make = (): unknown => new ShardManager({ token: 't', intents: 0, fetchGatewayInfo, tls: tls as never });
    expect(make).toThrow(GatewayOptionError);
    expect(make).toThrow(message);
    expect(() => new Shard({ id: 0, totalShards: 1, token: 't', intents: 0, url: 'wss://127.0.0.1:9', tls: tls as never })).toThrow(/^Shard: /);
  });

  it('names certificate failures as GatewayTlsError and leaves other socket errors alone', () => {
    const failure = Object.assign(new Error('self-signed certificate'), { code: 'DEPTH_ZERO_SELF_SIGNED_CERT' });
    const error = untrustedCertificateError('127.0.0.1:443', failure);
    expect(error).toBeInstanceOf(GatewayTlsError);
    expect(error).toBeInstanceOf(GatewayProtocolError);
    expect(error).toMatchObject({ code: 'OVEN_ERR_GATEWAY_TLS_UNTRUSTED', tlsCode: 'DEPTH_ZERO_SELF_SIGNED_CERT', closeCode: 1015, cause: failure });
    expect(error?.message).toContain('127.0.0.1:443');
    expect(untrustedCertificateError('h', Object.assign(new Error('x'), { code: 'CERT_HAS_EXPIRED' }))?.message).toMatch(/system clock/);
    expect(untrustedCertificateError('h', Object.assign(new Error('refused'), { code: 'ECONNREFUSED' }))).toBeUndefined();
    expect(untrustedCertificateError('h', 'not an error')).toBeUndefined();
  });
});
