// The body parts of a multipart/mixed document (RFC 2046), read with multipasta: preamble and epilogue ignored, the
// closing delimiter required, part headers by its header parser. Anything it cannot read is one 400.
import * as Multipasta from 'multipasta';
import * as HeadersParser from 'multipasta/HeadersParser';
import { BadRequestError } from '../errors/graph-error';

export interface MimePart {
  /** Lower-case names; a repeated header keeps its first value. */
  readonly headers: Readonly<Record<string, string>>;
  /** The media type in lower case, '' when the part has none. */
  readonly type: string;
  readonly parameters: Readonly<Record<string, string>>;
  readonly body: Buffer;
}

/** The `boundary` parameter of a multipart Content-Type, or a 400 when it has none or a malformed one (RFC 2046 5.1.1). */
export function boundaryOf(contentType: string, target: string): string {
  let boundary = /;\s*boundary\s*=\s*("(?:[^"\\]|\\.)*"|[^;\s]*)/i.exec(contentType)?.[1];
  if (boundary?.startsWith('"')) boundary = boundary.slice(1, -1).replace(/\\(.)/g, '$1');
  if (boundary === undefined || !/^[0-9A-Za-z'()+_,\-./:=? ]{0,69}[0-9A-Za-z'()+_,\-./:=?]$/.test(boundary)) {
    throw new BadRequestError(`A multipart ${target} needs a boundary parameter of 1 to 70 characters (RFC 2046 5.1.1).`, { target });
  }
  return boundary;
}

/** The parts of `body` delimited by `boundary`; at most `maxParts` of them (more → 400). */
export function readParts(body: Uint8Array, boundary: string, maxParts: number, target: string): MimePart[] {
  const parts: MimePart[] = [];
  let failure: string | undefined;
  let done = false;
  const parser = Multipasta.make({
    headers: { 'content-type': `multipart/mixed; boundary="${boundary}"` },
    maxParts,
    isFile: () => false,
    maxFieldSize: Number.MAX_SAFE_INTEGER,
    // What follows the closing delimiter is the epilogue (multipasta 0.2.8 goes on reporting parts there, some without
    // headers: a close delimiter at the very start, then a delimiter, made it call onField with no part info).
    onField: (info: Multipasta.PartInfo | undefined, value) => {
      if (done) return;
      if (info === undefined) failure ??= 'a part has no headers';
      else parts.push(partOf(info, value));
    },
    onFile: () => () => undefined,
    onError: (error) => { failure ??= describe(error, maxParts); },
    onDone: () => { done = true; },
  });
  parser.write(body);
  parser.end();
  if (failure === undefined && !done) failure = 'it does not end with the closing delimiter';
  if (failure !== undefined) throw new BadRequestError(`The multipart ${target} cannot be read: ${failure}.`, { target });
  return parts;
}

function partOf(info: Multipasta.PartInfo, value: Uint8Array): MimePart {
  const headers: Record<string, string> = {};
  for (const [name, text] of Object.entries(info.headers)) headers[name] = Array.isArray(text) ? text[0] ?? '' : text;
  const declared = headers['content-type'];
  return {
    headers, type: declared === undefined ? '' : info.contentType, parameters: { ...info.contentTypeParameters },
    body: Buffer.from(value.buffer, value.byteOffset, value.byteLength),
  };
}

function describe(error: Multipasta.MultipartError, maxParts: number): string {
  switch (error._tag) {
    case 'InvalidBoundary': return 'it has no boundary';
    case 'BadHeaders': return `a part's headers are malformed (${error.error.reason})`;
    case 'ReachedLimit': return `it has more than ${maxParts} parts`;
    case 'EndNotReached': return 'it does not end with the closing delimiter';
    default: return 'a part is malformed';
  }
}

/** Headers of an HTTP message (name: value lines ending with an empty line), by the same header parser. */
export function readHeaderLines(bytes: Uint8Array): Record<string, string> | string {
  const result = HeadersParser.make()(bytes, 0);
  if (result._tag === 'Continue') return 'its headers do not end with an empty line';
  if (result._tag === 'Failure') return `its headers are malformed (${result.reason})`;
  const headers: Record<string, string> = {};
  for (const [name, text] of Object.entries(result.headers)) headers[name] = Array.isArray(text) ? text[0] ?? '' : text;
  return headers;
}
