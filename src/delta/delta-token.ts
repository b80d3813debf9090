// $deltatoken and in-round $skiptoken of delta query: base64url JSON of the round's state, HMAC-SHA256 under the $skiptoken key.
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Engine } from '../model/edm-primitive-types';
import type { EntitySet } from '../model/service-model';
import { badRequest } from '../query/query-errors';

/** What the first request asked for: carried by every later link, so a round always answers the same query. */
export interface DeltaQueryText {
  /** The decoded $filter and $select of the first request. */
  readonly filter?: string;
  readonly select?: string;
}

/** A deltaLink: the next round returns what became visible after `from`. */
export interface DeltaLinkState extends DeltaQueryText {
  readonly from: string;
}

/** A nextLink inside a round: rows after `from` (none for the initial round) up to `to`, after the row `after`. */
export interface RoundPageState extends DeltaQueryText {
  readonly from?: string;
  readonly to: string;
  readonly after: { readonly position: string; readonly key: string };
}

export interface DeltaTokenBinding {
  readonly entitySet: EntitySet;
  readonly engine: Engine;
  /** The $skiptoken key (SKIPTOKEN_SECRET, or derived from the CSDL): the same on every instance. */
  readonly key: string | Uint8Array;
}

const DOMAIN = 'odata-deltatoken/v1';
const TOKEN = /^([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]{43})$/;
/** PostgreSQL pg_snapshot text (xmin:xmax:xip,…) or a SQLite position (an integer). */
const POSITION: Readonly<Record<Engine, RegExp>> = { postgres: /^\d{1,20}:\d{1,20}:(\d{1,20}(,\d{1,20})*)?$/, sqlite: /^\d{1,16}$/ };
const ROW_POSITION: Readonly<Record<Engine, RegExp>> = { postgres: /^\d{1,20}$/, sqlite: /^\d{1,16}$/ };

export function encodeDeltaLink(state: DeltaLinkState, binding: DeltaTokenBinding): string {
  return seal({ k: 'delta', f: state.filter, s: state.select, from: state.from }, 'delta', binding);
}

export function encodeRoundPage(state: RoundPageState, binding: DeltaTokenBinding): string {
  return seal({ k: 'page', f: state.filter, s: state.select, from: state.from, to: state.to, p: state.after.position, key: state.after.key }, 'page', binding);
}

/** Throws BadRequestError (target `$deltatoken`) for a malformed, altered or foreign token. */
export function decodeDeltaLink(token: string, binding: DeltaTokenBinding): DeltaLinkState {
  const payload = open(token, 'delta', binding, '$deltatoken');
  if (!isPosition(payload.from, binding.engine)) throw invalid('$deltatoken');
  return { ...queryText(payload, '$deltatoken'), from: payload.from as string };
}

/** Throws BadRequestError (target `$skiptoken`) for a malformed, altered or foreign token. */
export function decodeRoundPage(token: string, binding: DeltaTokenBinding): RoundPageState {
  const payload = open(token, 'page', binding, '$skiptoken');
  const { from, to, p: position, key } = payload;
  const valid = (from === undefined || isPosition(from, binding.engine)) && isPosition(to, binding.engine)
    && typeof position === 'string' && ROW_POSITION[binding.engine].test(position) && typeof key === 'string';
  if (!valid) throw invalid('$skiptoken');
  return { ...queryText(payload, '$skiptoken'), from: from as string | undefined, to: to as string, after: { position, key } };
}

type Payload = Record<string, unknown>;

function seal(payload: Payload, kind: string, binding: DeltaTokenBinding): string {
  const text = Buffer.from(JSON.stringify(payload), 'utf8').toString('base64url');
  return `${text}.${mac(text, kind, binding).toString('base64url')}`;
}

function open(token: string, kind: string, binding: DeltaTokenBinding, option: string): Payload {
  const match = TOKEN.exec(token);
  // Compared as text, so that a signature altered only in base64url's unused low bits is refused too.
  if (!match || !timingSafeEqual(Buffer.from(match[2]), Buffer.from(mac(match[1], kind, binding).toString('base64url')))) throw invalid(option);
  try {
    const payload: unknown = JSON.parse(Buffer.from(match[1], 'base64url').toString('utf8'));
    if (typeof payload === 'object' && payload !== null && !Array.isArray(payload) && (payload as Payload).k === kind) return payload as Payload;
  } catch {
    // falls through to the same 400
  }
  throw invalid(option);
}

function queryText(payload: Payload, option: string): DeltaQueryText {
  const { f: filter, s: select } = payload;
  if ((filter !== undefined && typeof filter !== 'string') || (select !== undefined && typeof select !== 'string')) throw invalid(option);
  return { filter: filter as string | undefined, select: select as string | undefined };
}

function isPosition(value: unknown, engine: Engine): value is string {
  return typeof value === 'string' && POSITION[engine].test(value);
}

/** Bound to the entity set and the engine: a token of another set, engine or key is refused. */
function mac(payload: string, kind: string, binding: DeltaTokenBinding): Buffer {
  const key = typeof binding.key === 'string' ? Buffer.from(binding.key, 'utf8') : Buffer.from(binding.key);
  if (key.length < 32) throw new TypeError('the delta token key must have at least 32 bytes');
  return createHmac('sha256', key).update(`${DOMAIN}\n${kind}\n${binding.entitySet.name}\n${binding.engine}\n${payload}`).digest();
}

function invalid(option: string): Error {
  return badRequest(`The ${option} is not valid for this request: it was altered, or it belongs to another entity set or service.`, option);
}
