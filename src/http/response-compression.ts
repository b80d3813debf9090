// Compression of the service's answers (the `compression` package: br and gzip, by the client's Accept-Encoding):
// bodies of at least the threshold, never HEAD; `Vary: Accept-Encoding` on every answer it could have compressed.
import compression from 'compression';
import type { RequestHandler } from 'express';
import { constants } from 'node:zlib';

/** Compression off: no middleware (undefined). */
export function responseCompression(minBytes: number | false): RequestHandler | undefined {
  if (minBytes === false) return undefined;
  return compression({
    threshold: minBytes,
    // Quality 4 (the package's default for br) and zlib's level 6: most of the saving for a fraction of the CPU of the maximum.
    brotli: { params: { [constants.BROTLI_PARAM_QUALITY]: 4 } },
  }) as RequestHandler;
}
