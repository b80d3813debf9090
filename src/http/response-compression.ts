// Compression of the service's answers (the `compression` package: br and gzip, by the client's Accept-Encoding):
// bodies of at least the threshold, never HEAD; `Vary: Accept-Encoding` on every answer it could have compressed.
// A request without Accept-Encoding can only get identity (the package negotiates it so), so it skips the package's
// per-response machinery (wrapped write, end and listeners: ≈5 % of a GET by key's CPU, bench/README.md) and gets
// only the Vary header the package would have set, under its own conditions (a compressible type, no `no-transform`).
import compressible from 'compressible';
import compression from 'compression';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import onHeaders from 'on-headers';
import vary from 'vary';
import type { ServerResponse } from 'node:http';
import { constants } from 'node:zlib';

const NO_TRANSFORM = /(?:^|,)\s*?no-transform\s*?(?:,|$)/i;

/** Compression off: no middleware (undefined). */
export function responseCompression(minBytes: number | false): RequestHandler | undefined {
  if (minBytes === false) return undefined;
  const compress = compression({
    threshold: minBytes,
    // Quality 4 (the package's default for br) and zlib's level 6: most of the saving for a fraction of the CPU of the maximum.
    brotli: { params: { [constants.BROTLI_PARAM_QUALITY]: 4 } },
  }) as RequestHandler;
  return (req: Request, res: Response, next: NextFunction): void => {
    if (req.headers['accept-encoding'] !== undefined) {
      compress(req, res, next);
      return;
    }
    onHeaders(res, varyWhenCompressible);
    next();
  };
}

/** The package's rule for `Vary: Accept-Encoding` (its filter, then Cache-Control), for an answer it leaves as it is. */
function varyWhenCompressible(this: ServerResponse): void {
  const type = this.getHeader('Content-Type');
  if (type === undefined || !compressible(String(type))) return;
  const cacheControl = this.getHeader('Cache-Control');
  if (cacheControl !== undefined && NO_TRANSFORM.test(String(cacheControl))) return;
  vary(this, 'Accept-Encoding');
}
