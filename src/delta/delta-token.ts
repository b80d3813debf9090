// $deltatoken and in-round $skiptoken of delta query: base64url JSON of the round's state, HMAC-SHA256 under the $skiptoken key.
import type { Engine } from '../model/edm-primitive-types';
import type { EntitySet } from '../model/service-model';
import { badRequest } from '../query/query-errors';
import { openToken, sealToken } from '../query/signed-token';

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
  return sealToken(payload, binding.key, context(kind, binding));
}

function open(token: string, kind: string, binding: DeltaTokenBinding, option: string): Payload {
  const payload = openToken(token, binding.key, context(kind, binding));
  if (typeof payload === 'object' && payload !== null && !Array.isArray(payload) && (payload as Payload).k === kind) return payload as Payload;
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
function context(kind: string, binding: DeltaTokenBinding): string {
  return `${DOMAIN}\n${kind}\n${binding.entitySet.name}\n${binding.engine}`;
}

function invalid(option: string): Error {
  return badRequest(`The ${option} is not valid for this request: it was altered, or it belongs to another entity set or service.`, option);
}
