import { describe, expect, inject, it } from 'vitest';
import { plainConnectionFailure, testMongoConnection } from '../../electron/station/service/serviceIo';

describe('"Test connection" in Settings', () => {
  it('refuses connection strings that name local files, before connecting, without saying whether they exist', async () => {
    const there = await testMongoConnection('mongodb://127.0.0.1:1/?tls=true&tlsCertificateKeyFile=/etc/passwd', 'x');
    const missing = await testMongoConnection('mongodb://127.0.0.1:1/?tls=true&tlsCertificateKeyFile=/no/such/file', 'x');
    expect(there).toEqual(missing);
    expect(there.ok).toBe(false);
    expect(there.message).toMatch(/tlsCertificateKeyFile/);
    expect(there.message).not.toMatch(/passwd|no such file|ENOENT/i);
    for (const option of ['tlsCAFile=/etc/hosts', 'tlsCRLFile=/etc/hosts', 'TLSCAFILE=/etc/hosts', 'sslKey=/etc/hosts']) {
      expect((await testMongoConnection(`mongodb://127.0.0.1:1/?${option}`, 'x')).message).toMatch(/file/i);
    }
  });

  it("says in plain words that nothing answered, not the driver's error", async () => {
    const result = await testMongoConnection('mongodb://127.0.0.1:1/?serverSelectionTimeoutMS=500', 'x');
    expect(result.ok).toBe(false);
    expect(result.message).toMatch(/^Cannot connect: no MongoDB server answered/);
    expect(result.message).not.toMatch(/ECONNREFUSED|Server selection|127\.0\.0\.1:1/);
  });

  it('says when the text is not a MongoDB connection string', async () => {
    const result = await testMongoConnection('http://example.com/', 'x');
    expect(result).toMatchObject({ ok: false, message: expect.stringMatching(/mongodb:\/\/ or mongodb\+srv:\/\//) });
  });

  it('says reachable, with the number of orders, when it is', async () => {
    const result = await testMongoConnection(inject('mongoUri'), 'connection_test_empty');
    expect(result).toMatchObject({ ok: true, ordersCount: 0 });
  });

  it('turns driver errors into a few plain reasons', () => {
    const plain = (e: object) => plainConnectionFailure(Object.assign(new Error('x'), e));
    expect(plain({ message: 'getaddrinfo ENOTFOUND db.example' })).toMatch(/host name was not found/);
    expect(plain({ message: 'querySrv ENOTFOUND _mongodb._tcp.c.example' })).toMatch(/host name was not found/);
    expect(plain({ name: 'MongoServerError', code: 18, message: 'Authentication failed.' })).toMatch(/user name or password/);
    expect(
      plain({ message: 'x', cause: Object.assign(new Error('self-signed certificate'), { code: 'DEPTH_ZERO_SELF_SIGNED_CERT' }) }),
    ).toMatch(/secure \(TLS\)/);
    expect(plain({ message: 'connection timed out' })).toMatch(/^Cannot connect: no MongoDB server answered/);
    expect(plain({ message: 'something the driver invented' })).not.toContain('invented');
  });
});
