// An `application/http` body part: the HTTP/1.1 request message it carries (request line, headers, body), and the
// response message written back in its place (status line, headers, Content-Length, body).
import { STATUS_CODES } from 'node:http';
import { BadRequestError } from '../errors/graph-error';
import { readHeaderLines } from './multipart-parts';

export interface HttpRequestMessage {
  readonly method: string;
  readonly target: string;
  /** Lower-case names. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Buffer;
}

const CRLF = Buffer.from('\r\n');

/** The request in a part: `METHOD SP request-target [SP HTTP/1.x]` (the version is optional, as in OData's examples). */
export function readHttpRequest(bytes: Buffer, target: string): HttpRequestMessage {
  const lineEnd = bytes.indexOf(CRLF);
  const line = (lineEnd < 0 ? bytes : bytes.subarray(0, lineEnd)).toString('latin1');
  const match = /^([!#$%&'*+.^_`|~0-9A-Za-z-]+) (\S+)(?: HTTP\/1\.[01])?$/.exec(line);
  // The version may be left out (as in OData's own examples), so a target that is a version means the URL is missing.
  if (match === null || /^HTTP\//i.test(match[2]!)) {
    throw new BadRequestError('A batch part must start with an HTTP request line: METHOD request-target HTTP/1.1.', { target });
  }
  const rest = lineEnd < 0 ? Buffer.alloc(0) : bytes.subarray(lineEnd + 2);
  const { headers, body } = splitHeaders(rest, target);
  return { method: match[1]!, target: match[2]!, headers, body: bodyOf(body, headers, target) };
}

/** No header lines: the empty line at once, or nothing at all (a bodiless request whose part ends after its last header). */
function splitHeaders(rest: Buffer, target: string): { headers: Record<string, string>; body: Buffer } {
  if (rest.length === 0) return { headers: {}, body: rest };
  if (rest.subarray(0, 2).equals(CRLF)) return { headers: {}, body: rest.subarray(2) };
  const end = rest.indexOf('\r\n\r\n');
  const head = end < 0 ? Buffer.concat([rest, rest.subarray(rest.length - 2).equals(CRLF) ? CRLF : Buffer.from('\r\n\r\n')]) : rest.subarray(0, end + 4);
  const headers = readHeaderLines(head);
  if (typeof headers === 'string') throw new BadRequestError(`The HTTP request in a batch part is malformed: ${headers}.`, { target });
  return { headers, body: end < 0 ? Buffer.alloc(0) : rest.subarray(end + 4) };
}

/**
 * The body is the rest of the part; a Content-Length, when given, says where it ends (what follows may only be line
 * breaks before the delimiter). A Content-Length larger than the part, or not a number, is a 400.
 */
function bodyOf(body: Buffer, headers: Readonly<Record<string, string>>, target: string): Buffer {
  const declared = headers['content-length'];
  if (declared === undefined) return body;
  if (!/^\d{1,15}$/.test(declared.trim())) throw new BadRequestError('The Content-Length of a batch part\'s request must be a number.', { target });
  const length = Number(declared.trim());
  const trailer = body.subarray(length).toString('latin1');
  if (length > body.length || !/^[\r\n]*$/.test(trailer)) {
    throw new BadRequestError(`The body of a batch part's request is not ${length} bytes long, as its Content-Length says.`, { target });
  }
  return body.subarray(0, length);
}

/** `HTTP/1.1 <status> <reason>`, the headers as the service set them, Content-Length, an empty line, the body. */
export function writeHttpResponse(status: number, headers: Readonly<Record<string, string>>, body: Buffer): Buffer {
  const lines = [`HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Unknown'}`];
  for (const [name, value] of Object.entries(headers)) {
    if (name.toLowerCase() !== 'content-length' && name.toLowerCase() !== 'transfer-encoding') lines.push(`${name}: ${value}`);
  }
  if (body.length > 0 || (status !== 204 && status !== 304)) lines.push(`Content-Length: ${body.length}`);
  return Buffer.concat([Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1'), body]);
}
