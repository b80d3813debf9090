// Opaque, tamper-evident tokens ($skiptoken, $deltatoken): base64url JSON, then an HMAC-SHA256 over a context (what the
// token is bound to: its kind, query, entity set…) and the payload. A token is valid only under the same key and context.
import { createHmac, timingSafeEqual } from 'node:crypto';

const TOKEN = /^([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]{43})$/;

export type TokenKey = string | Uint8Array;

export function sealToken(payload: unknown, key: TokenKey, context: string): string {
  const text = Buffer.from(JSON.stringify(payload), 'utf8').toString('base64url');
  return `${text}.${mac(text, key, context).toString('base64url')}`;
}

/** The payload of a token sealed under this key and context; undefined for one that is malformed, altered or foreign. */
export function openToken(token: string, key: TokenKey, context: string): unknown {
  const match = TOKEN.exec(token);
  // Compared as text, so that a signature altered only in base64url's unused low bits is refused too.
  if (!match || !timingSafeEqual(Buffer.from(match[2]), Buffer.from(mac(match[1], key, context).toString('base64url')))) return undefined;
  try {
    return JSON.parse(Buffer.from(match[1], 'base64url').toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
}

function mac(payload: string, key: TokenKey, context: string): Buffer {
  const bytes = typeof key === 'string' ? Buffer.from(key, 'utf8') : Buffer.from(key);
  if (bytes.length < 32) throw new TypeError('a token key must have at least 32 bytes');
  return createHmac('sha256', bytes).update(`${context}\n${payload}`).digest();
}
