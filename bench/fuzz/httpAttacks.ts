/**
 * Attacks below the StationApi: random and mutated HTTP requests, upgrade requests, and hand-made WebSocket frames
 * (oversized, fragmented, bad opcodes, bad UTF-8, binary, unmasked, lying lengths) after a real handshake.
 */
import { WsServerFrame } from '../../shared/stationApi';
import { emptyTally, sample, type Attack, type Tally, type Target } from './attack';
import type { Prng } from './prng';
import { frame, httpStatuses, rawExchange, serverFrames, upgradeRequest, type RawAnswer } from './wire';

const METHODS = ['GET', 'GET', 'GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'OPTIONS', 'TRACE', 'CONNECT', 'PATCH', 'PRI', 'get', 'G\tET', ''];
const TARGETS = [
  '/',
  '//',
  '///api',
  '/api',
  '/index.html',
  '/assets/',
  '/assets/../../../../etc/passwd',
  '/..%2f..%2f..%2fetc%2fpasswd',
  '/%',
  '/%zz',
  '/%00',
  '/%E0%A4%A',
  '/%c0%ae%c0%ae/',
  '*',
  'http://evil.example/',
  'evil',
  '/?token=',
  '/api?token=%ff',
  '/\u00e4',
  '/\\..\\..\\windows\\win.ini',
  '/index.html%00.png',
  '/.',
  '/..',
  '/a?b#c',
];
const VERSIONS = ['HTTP/1.1', 'HTTP/1.1', 'HTTP/1.0', 'HTTP/2.0', 'HTTP/0.9', 'HTTP/1.1 extra', 'http/1.1', 'HTTP/9.9', ''];

function target(rng: Prng): string {
  return rng.weighted<string>([
    [6, rng.pick(TARGETS)],
    [1, `/${'a/'.repeat(rng.int(1, 4000))}`],
    [1, `/${percentEncoded(rng.text(60))}`],
    [1, `/${rng.text(40)}`],
  ]);
}

/** Every byte as %XX (encodeURIComponent throws on a lone surrogate, which rng.text makes on purpose). */
function percentEncoded(text: string): string {
  return [...Buffer.from(text, 'utf8')].map((b) => `%${b.toString(16).padStart(2, '0')}`).join('');
}

/** Expected or not: a 5xx is ours to fix, except the two the protocol and an unbuilt UI give on purpose. */
function fiveHundreds(answer: RawAnswer, t: Target, what: string, request: string): string[] {
  return answer.statuses
    .filter((s) => s >= 500 && s !== 505 && !(s === 503 && !t.uiBuilt))
    .map((s) => `${what}: HTTP ${s} for ${sample(request)}`);
}

const httpRequest: Attack = async (t, rng) => {
  const tally = emptyTally();
  const count = rng.chance(0.2) ? rng.int(2, 6) : 1; // sometimes pipelined
  const parts: string[] = [];
  for (let i = 0; i < count; i++) {
    const headers: string[] = [];
    if (!rng.chance(0.1))
      headers.push(`Host: ${rng.pick([`127.0.0.1:${t.port}`, 'localhost', 'evil.example', '', '[::1]', rng.text(30)])}`);
    const body = rng.chance(0.3) ? rng.text(rng.pick([10, 1000, 70_000])) : '';
    if (body || rng.chance(0.1))
      headers.push(`Content-Length: ${rng.chance(0.8) ? Buffer.byteLength(body) : rng.pick(['-1', '99999999999', 'abc', '0, 5'])}`);
    if (rng.chance(0.1)) headers.push('Transfer-Encoding: chunked');
    if (rng.chance(0.1)) headers.push(`X-Long: ${'x'.repeat(rng.pick([100, 20_000, 70_000]))}`);
    if (rng.chance(0.1)) headers.push(...Array.from({ length: rng.int(10, 3000) }, (_, n) => `X-${n}: ${n}`));
    if (rng.chance(0.1)) headers.push(`${rng.text(12)}: ${rng.text(40)}`);
    if (rng.chance(0.1)) headers.push(`Origin: ${rng.pick(['null', 'http://[', 'http://evil.example'])}`);
    if (rng.chance(0.05)) headers.push('Expect: 100-continue');
    parts.push(`${rng.pick(METHODS)} ${target(rng)} ${rng.pick(VERSIONS)}\r\n${headers.join('\r\n')}\r\n\r\n${body}`);
  }
  let request = parts.join('');
  if (rng.chance(0.1)) request = rng.bytes(rng.int(1, 4000)).toString('latin1'); // pure noise
  if (rng.chance(0.1)) request = request.slice(0, rng.int(0, request.length)); // cut off mid-request
  const answer = await rawExchange(t.port, [Buffer.from(request, rng.chance(0.5) ? 'latin1' : 'utf8')], {
    waitMs: 2_000,
    enough: (data) => httpStatuses(data).length >= count,
    resetAfterWrite: rng.chance(0.05),
    gapMs: rng.chance(0.05) ? 50 : 0,
  });
  tally.connections += 1;
  tally.requests += count;
  tally.unexpected.push(...fiveHundreds(answer, t, 'http', request));
  return tally;
};

const upgrade: Attack = async (t, rng) => {
  const tally = emptyTally();
  const headers: Record<string, string | null> = {};
  if (rng.chance(0.3))
    headers.Origin = rng.pick([
      'null',
      '',
      'http://[',
      'http://evil.example',
      `http://127.0.0.1:${t.port}`,
      'file://',
      'javascript:alert(1)',
      rng.text(30),
    ]);
  if (rng.chance(0.2))
    headers.Host = rng.pick([null, '', 'evil.example', `localhost:${t.port}`, `[::1]:${t.port}`, `127.0.0.1:${t.port}:1`, rng.text(20)]);
  if (rng.chance(0.2)) headers['Sec-WebSocket-Key'] = rng.pick([null, '', 'short', rng.text(24)]);
  if (rng.chance(0.2)) headers['Sec-WebSocket-Version'] = rng.pick([null, '8', '14', 'abc', '13, 8']);
  if (rng.chance(0.1)) headers.Upgrade = rng.pick([null, 'h2c', 'WebSocket', 'websocket, h2c', rng.text(10)]);
  if (rng.chance(0.1)) headers.Connection = rng.pick(['upgrade', 'keep-alive, Upgrade', 'close']);
  if (rng.chance(0.1))
    headers['Sec-WebSocket-Extensions'] = rng.pick([
      'permessage-deflate; client_max_window_bits=99',
      'permessage-deflate; server_max_window_bits',
      rng.text(30),
    ]);
  if (rng.chance(0.1)) headers['Sec-WebSocket-Protocol'] = rng.pick(['', ',,,', rng.text(30)]);
  const token = rng.weighted<string>([
    [5, `?token=${t.token}`],
    [1, ''],
    [1, '?token='],
    [1, `?token=${t.token}x`],
    [1, `?token=${percentEncoded(rng.text(20))}`],
    [1, `?token=${t.token}&token=x`],
  ]);
  const path = rng.weighted<string>([
    [6, '/api'],
    [3, rng.pick(TARGETS)],
    [1, target(rng)],
  ]);
  const request = upgradeRequest(t.port, `${path}${token}`, headers);
  const answer = await rawExchange(t.port, [request], {
    waitMs: 3_000,
    resetAfterWrite: rng.chance(0.05),
    enough: (d) => d.includes('\r\n\r\n'),
  });
  tally.connections += 1;
  tally.requests += 1;
  tally.unexpected.push(...fiveHundreds(answer, t, 'upgrade', request));
  if (answer.status === undefined && !answer.closed)
    tally.unexpected.push(`upgrade: no answer in 3 s and the connection left open for ${sample(request)}`);
  return tally;
};

/** One bad (or good) thing to put on an open socket. */
function oneFrame(rng: Prng): Buffer {
  const json = Buffer.from(
    JSON.stringify({ id: rng.int(0, 1e6), method: rng.pick(['snapshot', 'recentLogs', 'nope']), params: { limit: 5 } }),
  );
  return rng.weighted<() => Buffer>([
    [3, () => frame(0x1, json)],
    [2, () => frame(0x2, rng.chance(0.5) ? json : rng.bytes(rng.int(0, 300)))],
    [2, () => frame(0x1, Buffer.alloc(8), { length: rng.pick([1024 * 1024 + 1, 8 * 1024 * 1024, 2 ** 40, Number.MAX_SAFE_INTEGER]) })],
    [2, () => frame(0x1, Buffer.concat([json.subarray(0, 5), Buffer.from([0xc3, 0x28, 0xff, 0xfe]), json.subarray(5)]))],
    [2, () => frame(rng.pick([0x3, 0x4, 0x5, 0x6, 0x7, 0xb, 0xc, 0xd, 0xe, 0xf]), rng.bytes(rng.int(0, 50)))],
    [2, () => frame(0x1, json, { masked: false })],
    [1, () => frame(0x1, json, { rsv: rng.int(1, 7) })],
    [2, () => Buffer.concat([frame(0x1, json.subarray(0, 4), { fin: false }), frame(0x0, json.subarray(4), { fin: rng.chance(0.7) })])],
    [1, () => frame(0x0, json)], // continuation with nothing to continue
    [1, () => Buffer.concat([frame(0x1, json.subarray(0, 4), { fin: false }), frame(0x1, json.subarray(4))])], // new message mid-fragment
    [1, () => frame(0x9, rng.bytes(rng.int(0, 200)))], // ping, sometimes over 125 bytes
    [1, () => frame(0x9, Buffer.from('x'), { fin: false })],
    [1, () => frame(0xa, rng.bytes(10))],
    [
      1,
      () =>
        frame(
          0x8,
          Buffer.concat([
            Buffer.from([rng.int(0, 255), rng.int(0, 255)]),
            rng.chance(0.5) ? Buffer.from([0xff, 0xfe]) : Buffer.from('bye'),
          ]),
        ),
    ],
    [1, () => frame(0x8, Buffer.from([0x03]))], // close with a one-byte payload
    [1, () => frame(0x1, Buffer.from('{"id":1'), { length: 40 })], // claims more than it sends
    [1, () => rng.bytes(rng.int(1, 64))],
  ])();
}

const frames: Attack = async (t, rng) => {
  const tally = emptyTally();
  const sent = Array.from({ length: rng.int(1, 6) }, () => oneFrame(rng));
  const answer = await rawExchange(t.port, [upgradeRequest(t.port, `/api?token=${t.token}`), ...sent], {
    waitMs: 10_000,
    quietMs: 1_000,
    gapMs: rng.chance(0.3) ? 20 : 0,
  });
  tally.connections += 1;
  tally.requests += 1 + sent.length;
  if (answer.status !== 101) {
    const got =
      answer.status ?? `no answer (${answer.data.length} bytes, ${answer.closed ? 'closed by the server' : 'still open after 10 s'})`;
    tally.unexpected.push(`frames: the handshake with the right token got ${got}; sent ${sample(Buffer.concat(sent))}`);
    return tally;
  }
  tally.unexpected.push(...checkServerFrames(answer.data));
  return tally;
};

/** Every text frame the server sends is one of the API's frames (an answer with id, or a push). */
export function checkServerFrames(data: Buffer): string[] {
  const problems: string[] = [];
  for (const f of serverFrames(data)) {
    if (f.opcode !== 0x1) continue;
    let parsed: unknown;
    try {
      parsed = JSON.parse(f.payload.toString('utf8'));
    } catch {
      problems.push(`frames: the server sent a text frame that is not JSON: ${sample(f.payload)}`);
      continue;
    }
    if (!WsServerFrame.safeParse(parsed).success)
      problems.push(`frames: the server sent a frame outside the API's shape: ${sample(f.payload)}`);
  }
  return problems;
}

export const HTTP_ATTACKS: ReadonlyArray<readonly [number, Attack]> = [
  [3, httpRequest],
  [3, upgrade],
  [4, frames],
];

export type { Tally };
