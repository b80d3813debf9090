// Reads the bearer token of a request from its Authorization header (RFC 6750 §2.1), the only place Graph accepts it.
import type { Request } from 'express';

export type PresentedToken =
  | { readonly kind: 'missing' }
  | { readonly kind: 'malformed' }
  | { readonly kind: 'token'; readonly token: string };

// RFC 6750 §2.1: credentials = "Bearer" 1*SP b64token; the scheme is case-insensitive (RFC 9110 §11.1).
const BEARER_SCHEME = /^bearer(?: +|$)/i;
const B64TOKEN = /^[A-Za-z0-9\-._~+/]+=*$/;

export function readBearerToken(req: Request): PresentedToken {
  const header = req.get('authorization');
  // RFC 6750 §3.1: a request with no bearer credentials "lacks any authentication information".
  if (header === undefined || !BEARER_SCHEME.test(header)) return { kind: 'missing' };
  const token = header.replace(BEARER_SCHEME, '').trim();
  if (token === '') return { kind: 'missing' };
  return B64TOKEN.test(token) ? { kind: 'token', token } : { kind: 'malformed' };
}
