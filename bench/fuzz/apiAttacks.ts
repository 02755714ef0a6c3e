/**
 * Attacks on the StationApi itself, through well-formed WebSocket frames: every method of shared/stationApi.ts
 * with mutated, wrongly typed, huge and deeply nested parameters, unknown methods, and envelopes that are not
 * requests at all. Each answer must keep the API's shape; commands are made harmless before they are sent (the
 * fuzzer holds the token, so it is an operator, and must not pause the printer it watches or touch real orders).
 */
import WebSocket from 'ws';
import { CommandResult, STATION_METHOD_NAMES, STATION_METHODS, isStationMethod, type StationMethod } from '../../shared/stationApi';
import { emptyTally, sample, type Attack, type Target } from './attack';
import type { Prng } from './prng';

const OPERATOR = { name: 'Fuzz', pin: '0000' };
/** webConsole's maxPayload. */
const MAX_MESSAGE_BYTES = 1024 * 1024;

/** A valid request per method, to mutate from; a method added later fuzzes from `{}`. */
function template(method: StationMethod, t: Target, rng: Prng): Record<string, unknown> {
  const orderId = t.orderIds.length && rng.chance(0.7) ? rng.pick(t.orderIds) : 'FUZZ-0';
  const byMethod: Partial<Record<StationMethod, Record<string, unknown>>> = {
    listOrders: {
      tab: rng.pick(['pending', 'printing', 'printed', 'failed', 'needs_attention']),
      page: 0,
      pageSize: rng.int(1, 500),
      search: rng.chance(0.3) ? rng.text(20) : undefined,
    },
    orderHistory: { orderId },
    orderFile: { orderId },
    metricsSeries: { hours: rng.int(1, 48) },
    recentLogs: { limit: rng.int(1, 2000) },
    testMongoConnection: { uri: 'mongodb://127.0.0.1:1/', dbName: 'fuzz' },
    confirmRetrieval: { operator: OPERATOR, printerId: 'p', outcome: rng.pick(['good', 'bad']) },
    resolveUnknownOutcome: { operator: OPERATOR, printerId: 'p', printed: false },
    pauseAll: { operator: OPERATOR },
    resumeAll: { operator: OPERATOR },
    saveSettings: { operator: OPERATOR, settings: { stationName: rng.text(20) } },
  };
  const spec = byMethod[method];
  if (spec) return spec;
  if (STATION_METHODS[method].kind === 'command') {
    const shape = (STATION_METHODS[method].request as unknown as { shape?: Record<string, unknown> }).shape ?? {};
    return 'orderId' in shape ? { operator: OPERATOR, orderId, reason: rng.text(30) || 'fuzz' } : { operator: OPERATOR, printerId: 'p' };
  }
  return {};
}

const KEYS = [
  'operator',
  'name',
  'pin',
  'printerId',
  'orderId',
  'reason',
  'tab',
  'page',
  'pageSize',
  'limit',
  'hours',
  'uri',
  'dbName',
  'settings',
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  '',
];

/** Any JSON value, sometimes huge or deep. */
function randomValue(rng: Prng, depth = 0): unknown {
  const kind = rng.weighted<string>([
    [3, 'string'],
    [2, 'number'],
    [1, 'bool'],
    [1, 'null'],
    [depth < 4 ? 2 : 0, 'object'],
    [depth < 4 ? 1 : 0, 'array'],
    [1, 'huge'],
    [1, 'deep'],
  ]);
  switch (kind) {
    case 'string':
      return rng.text(40);
    case 'number':
      return rng.pick([0, -1, 1.5, 2 ** 53 + 1, -(2 ** 31), 1e308, -1e-308, rng.int(-1e6, 1e6)]);
    case 'bool':
      return rng.chance(0.5);
    case 'null':
      return null;
    case 'object':
      return Object.fromEntries(
        Array.from({ length: rng.int(0, 5) }, () => [rng.chance(0.7) ? rng.pick(KEYS) : rng.text(10), randomValue(rng, depth + 1)]),
      );
    case 'array':
      return Array.from({ length: rng.int(0, 6) }, () => randomValue(rng, depth + 1));
    case 'huge':
      return rng.pick<() => unknown>([
        () => 'x'.repeat(rng.int(1_000, 800_000)),
        () => Array.from({ length: rng.int(1_000, 60_000) }, (_, i) => i),
        () => Object.fromEntries(Array.from({ length: 20_000 }, (_, i) => [`k${i}`, i])),
      ])();
    default:
      return deep(rng.int(10, 300), rng.chance(0.5));
  }
}

function deep(levels: number, asArray: boolean): unknown {
  let value: unknown = 'bottom';
  for (let i = 0; i < levels; i++) value = asArray ? [value] : { operator: value };
  return value;
}

/** One change to a valid request: a key dropped, retyped, blown up, or an extra one added. */
function mutate(params: Record<string, unknown>, rng: Prng): Record<string, unknown> {
  const out: Record<string, unknown> = { ...params };
  const keys = Object.keys(out);
  for (let n = rng.int(1, 3); n > 0; n--) {
    const key = keys.length && rng.chance(0.7) ? rng.pick(keys) : rng.pick(KEYS);
    if (rng.chance(0.2)) delete out[key];
    else if (key === 'operator' && rng.chance(0.5)) out.operator = { ...OPERATOR, [rng.pick(['name', 'pin'])]: randomValue(rng) };
    else out[key] = randomValue(rng);
  }
  return out;
}

/** A command that would be valid is pointed at nothing, so the fuzz never pauses, cancels or reprints for real. */
function harmless(method: StationMethod, params: unknown): unknown {
  const spec = STATION_METHODS[method];
  if (method === 'testMongoConnection' && spec.request.safeParse(params).success) {
    return { ...(params as object), uri: 'mongodb://127.0.0.1:1/?serverSelectionTimeoutMS=300' }; // loopback only
  }
  if (spec.kind !== 'command' || !spec.request.safeParse(params).success) return params;
  // What the command acts on comes from its schema, not from the keys the mutation left in the request.
  const p = params as Record<string, unknown>;
  const shape = (spec.request as unknown as { shape?: Record<string, unknown> }).shape ?? {};
  if ('printerId' in shape) return { ...p, printerId: 'fuzz:no-such-printer' };
  if ('orderId' in shape) return { ...p, orderId: 'FUZZ-NO-SUCH-ORDER' };
  return { ...p, operator: 0 };
}

interface Sent {
  id: number;
  method: unknown;
}

/** One connection, a burst of messages; each answer is checked against the method's contract. */
const apiMessages: Attack = async (t, rng) => {
  const tally = emptyTally();
  const ws = new WebSocket(`ws://127.0.0.1:${t.port}/api?token=${t.token}`, { maxPayload: 64 * 1024 * 1024 });
  tally.connections += 1;
  const waiting = new Map<number, Sent>();
  // expectClose: a malformed envelope was sent, the server must close (1003/1009). closeAllowed: a close instead of
  // an answer is acceptable (that, or a message nested deeper than the server will parse).
  let expectClose = false;
  let closeAllowed = false;
  let closed = false;
  let allSent = false;
  const done = new Promise<void>((resolve) => {
    const timer = setTimeout(() => {
      for (const s of waiting.values()) tally.unexpected.push(`api: no answer in 20 s to ${String(s.method).slice(0, 40)} (id ${s.id})`);
      if (expectClose && !closed) tally.unexpected.push('api: a malformed request was neither refused nor the socket closed in 20 s');
      resolve();
    }, 20_000);
    const finish = () => (clearTimeout(timer), resolve());
    ws.on('error', () => finish());
    ws.on('close', (code) => {
      closed = true;
      // A malformed envelope closes the socket (1003); well-formed ones sent before it may be cut off.
      if (!closeAllowed && waiting.size > 0)
        tally.unexpected.push(`api: the socket closed (${code}) with ${waiting.size} request(s) unanswered`);
      finish();
    });
    ws.on('message', (data) => {
      const problem = checkAnswer(String(data), waiting);
      if (problem) tally.unexpected.push(problem);
      if (allSent && waiting.size === 0 && !expectClose) ws.close();
    });
  });
  let refusal = '';
  ws.once('unexpected-response', (_req, res) => (refusal = `HTTP ${res.statusCode}`));
  await new Promise<void>((resolve) => {
    ws.once('open', () => resolve());
    ws.once('error', (error) => ((refusal ||= error.message), resolve()));
  });
  if (ws.readyState !== ws.OPEN) {
    tally.unexpected.push(`api: the socket with the right token did not open (${refusal})`);
    return tally;
  }
  const count = rng.int(1, 12);
  let nextId = rng.int(0, 1_000_000);
  for (let i = 0; i < count && !expectClose; i++) {
    const method = rng.weighted<unknown>([
      [8, rng.pick(STATION_METHOD_NAMES)],
      [1, rng.text(20)],
      [1, rng.pick(['__proto__', 'constructor', 'hasOwnProperty', 'api', 'invoke', 'handlers'])],
    ]);
    const params = isStationMethod(method)
      ? harmless(
          method,
          rng.weighted<() => unknown>([
            [5, () => mutate(template(method, t, rng), rng)],
            [2, () => template(method, t, rng)],
            [2, () => randomValue(rng)],
          ])(),
        )
      : randomValue(rng);
    const envelope = rng.weighted<string>([
      [10, 'request'],
      [1, 'deep'],
      [1, 'bad-id'],
      [1, 'not-json'],
      [1, 'not-object'],
    ]);
    let text: string;
    if (envelope === 'deep') {
      // Nesting far deeper than JSON.stringify can write: built as text. Answered, or refused with a close.
      const id = nextId++;
      const levels = rng.int(1_000, 150_000);
      const [open, close] = rng.chance(0.5) ? ['[', ']'] : ['{"operator":', '}'];
      text = `{"id":${id},"method":${JSON.stringify(method)},"params":${open.repeat(levels)}1${close.repeat(levels)}}`;
      closeAllowed = true;
      if (Buffer.byteLength(text) <= MAX_MESSAGE_BYTES) waiting.set(id, { id, method });
      else expectClose = true;
    } else if (envelope === 'request') {
      const id = nextId++;
      text = JSON.stringify({ id, method, params });
      // Over the console's message limit: the socket is closed (1009) instead of answered.
      if (Buffer.byteLength(text) > MAX_MESSAGE_BYTES) expectClose = closeAllowed = true;
      else waiting.set(id, { id, method });
    } else {
      expectClose = closeAllowed = true;
      text =
        envelope === 'bad-id'
          ? JSON.stringify({ id: rng.pick(['1', 1.5, null, {}, -Infinity]), method, params })
          : envelope === 'not-json'
            ? rng.pick(['{', '{"id":1,', rng.text(50), '['.repeat(200_000)])
            : JSON.stringify(rng.pick([1, 'x', null, [1, 2]]));
    }
    tally.requests += 1;
    ws.send(text, { binary: false });
  }
  allSent = true;
  if (waiting.size === 0 && !expectClose) ws.close();
  await done;
  ws.terminate();
  return tally;
};

/** Undefined when the frame is a push or a proper answer to a request we sent; else what is wrong with it. */
function checkAnswer(text: string, waiting: Map<number, Sent>): string | undefined {
  let frame: Record<string, unknown>;
  try {
    frame = JSON.parse(text) as Record<string, unknown>;
  } catch {
    return `api: an answer that is not JSON: ${sample(text)}`;
  }
  if ('push' in frame) return undefined;
  const sent = typeof frame.id === 'number' ? waiting.get(frame.id) : undefined;
  if (!sent) return `api: an answer to no request: ${sample(text)}`;
  waiting.delete(sent.id);
  if (frame.ok === false)
    return typeof frame.error === 'string' && frame.error.length > 0
      ? undefined
      : `api: an error answer without a sentence: ${sample(text)}`;
  if (frame.ok !== true) return `api: an answer that is neither ok nor an error: ${sample(text)}`;
  if (!isStationMethod(sent.method)) return `api: unknown method ${sample(String(sent.method), 40)} answered ok`;
  const spec = STATION_METHODS[sent.method];
  const shape = spec.kind === 'command' ? CommandResult : spec.response;
  if (!shape.safeParse(frame.result).success) return `api: ${sent.method} answered outside its contract: ${sample(text)}`;
  if (spec.kind === 'command' && (frame.result as { ok?: boolean }).ok === true)
    return `api: ${sent.method} was carried out (the fuzz sends only harmless commands): ${sample(text)}`;
  return undefined;
}

export const API_ATTACKS: ReadonlyArray<readonly [number, Attack]> = [[6, apiMessages]];
