// fast-check arbitraries of hostile requests: raw body bytes with their headers, query strings, keys and header values.
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { edmString } from './edm-arbitraries';

export interface BodyCase {
  readonly label: string;
  readonly bytes: Buffer;
  readonly headers: Readonly<Record<string, string>>;
  /** Constructed to be invalid: must be refused (4xx) and store nothing. Otherwise it may also be a valid create. */
  readonly mustRefuse: boolean;
}

/** Byte sequences that are not UTF-8: malformed, overlong, surrogates, beyond U+10FFFF, truncated. */
export const INVALID_UTF8 = ['C3 28', 'FF', 'FE', 'C0 AF', 'C1 BF', 'E0 80 AF', 'ED A0 80', 'ED BF BF', 'F4 90 80 80', 'F8 88 80 80 80', 'E2 82', '80', 'BF']
  .map((hex) => Buffer.from(hex.replace(/ /g, ''), 'hex'));

const validBody = fc.record({ userName: edmString, roleName: edmString }, { requiredKeys: [] });
const json = (value: unknown) => Buffer.from(JSON.stringify(value));

/** A valid body with an invalid UTF-8 sequence inside one of its strings. */
const invalidUtf8Body = fc.tuple(edmString, fc.constantFrom(...INVALID_UTF8), edmString).map(([before, bad, after]): BodyCase => ({
  label: `invalid UTF-8 ${bad.toString('hex')}`,
  bytes: Buffer.concat([Buffer.from(`{"userName":${JSON.stringify(before).slice(0, -1)}`), bad, Buffer.from(`${JSON.stringify(after).slice(1)}}`)]),
  headers: { 'Content-Type': 'application/json' }, mustRefuse: true,
}));

/** Values no property accepts: U+0000, lone surrogates, impossible timestamps, wrong types. */
const invalidValueBody = fc.tuple(
  fc.constantFrom('userName', 'expirationDateTime', 'creationDateTime', 'roleName'),
  fc.oneof(
    fc.constantFrom('a\u0000b', '\ud800', 'x\udfff', '2017-02-30T00:00:00Z', '0000-01-01T00:00:00Z', '0001-01-01T00:00:00+01:00',
      '2017-06-25T07:00:00+14:60', '2017-06-25T07:00:00+99:99', '2017-06-25T07:00:00.12345678Z', '9999-12-31T23:59:59-00:01'),
    fc.oneof(fc.integer(), fc.boolean(), fc.constant([]), fc.constant({})),
  ),
).filter(([name, value]) => typeof value !== 'string' || name.endsWith('DateTime') || value.includes('\u0000') || !(value as string & { isWellFormed(): boolean }).isWellFormed())
  .map(([name, value]): BodyCase => ({ label: `${name}=${JSON.stringify(value)}`, bytes: json({ [name]: value }), headers: { 'Content-Type': 'application/json' }, mustRefuse: true }));

const encodingMismatch = fc.tuple(validBody, fc.constantFrom('gzip', 'deflate', 'br')).map(([body, encoding]): BodyCase => ({
  label: `Content-Encoding ${encoding} on plain bytes`, bytes: json(body), headers: { 'Content-Type': 'application/json', 'Content-Encoding': encoding }, mustRefuse: true,
}));

const notAnObject = fc.oneof(
  fc.constantFrom('', '\uFEFF', '\uFEFF ', '   ', 'null', '[]', '"x"', '42', '{', '{"a":}', '{"userName":"a"', '\uFEFF\uFEFF{}', '{}garbage')
    .map((text) => Buffer.from(text)),
  fc.uint8Array({ maxLength: 64 }).map((bytes) => Buffer.from(bytes)).filter((bytes) => !looksLikeObject(bytes)),
).map((bytes): BodyCase => ({ label: `bytes ${bytes.toString('hex').slice(0, 60)}`, bytes, headers: { 'Content-Type': 'application/json' }, mustRefuse: true }));

const gzipped = fc.oneof(fc.uint8Array({ maxLength: 64 }).map((bytes) => Buffer.from(bytes)), validBody.map(json)).map((bytes): BodyCase => ({
  label: `gzip of ${bytes.toString('hex').slice(0, 40)}`, bytes: gzipSync(bytes),
  headers: { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip' }, mustRefuse: !looksLikeObject(bytes),
}));

const oddHeaders = fc.tuple(validBody, fc.constantFrom('application/json; charset=latin1', 'application/json; charset="utf-16"', 'text/plain', 'application/xml', 'multipart/form-data; boundary=x', 'application/json; charset=utf-8', 'application/json;odata.metadata=minimal'))
  .map(([body, contentType]): BodyCase => ({ label: `Content-Type ${contentType}`, bytes: json(body), headers: { 'Content-Type': contentType }, mustRefuse: !/^application\/json(;odata|; charset=utf-8)?/.test(contentType) }));

/** A JSON object in strict UTF-8, which the service may accept (whether its properties are valid is another matter). */
function looksLikeObject(bytes: Uint8Array): boolean {
  try {
    const value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes)) as unknown;
    return typeof value === 'object' && value !== null && !Array.isArray(value);
  } catch {
    return false;
  }
}

export const bodyCase: fc.Arbitrary<BodyCase> = fc.oneof(invalidUtf8Body, invalidValueBody, encodingMismatch, notAnObject, gzipped, oddHeaders);

const QUERY_PIECES = [
  '$filter=', '$orderby=', '$select=', '$top=', '$skip=', '$search=', '$count=', '$skiptoken=', '$format=', '$expand=', '@a=', '@b=', '&',
  '%00', '%C0%AF', '%ED%A0%80', '%FF', '%', '%2', '%25', '%27', '%22', "'", '"', '(', ')', '[', ']', ',', ' ', '%20', '+', '=', '@a', '@b',
  'eq', 'ne', 'gt', 'and', 'or', 'not', 'in', 'userName', 'creationDateTime', 'expirationDateTime', 'id', 'null', 'true', '-', '1', '0',
  '2147483648', '3000000000', '1e999', '2017-02-30', '0000-01-01T00:00:00Z', '0001-01-01T00:00:00Z', '2017-06-25T07:00:00+14:60',
  '"a\\u0000b"', '"\\ud800"', 'substring(userName,', 'tolower(', 'contains(', 'date(', '$it', '$root', 'asc', 'desc', '*', '/', '\u{1F600}', 'é',
];

/** Query strings built from OData pieces, percent escapes and noise: mostly invalid, sometimes valid. */
export const queryStringCase = fc.array(fc.oneof(fc.constantFrom(...QUERY_PIECES), fc.string({ maxLength: 4 })), { maxLength: 24 })
  .map((pieces) => pieces.join('').replace(/[#\r\n]/g, '').replace(/[^\x21-\x7e]/gu, (character) => encodeURIComponent(character)));

/** Key predicates and segments: quotes, escapes, delimiters, control characters. */
export const keyCase = fc.array(fc.oneof(fc.constantFrom("'", "''", '%27', '%00', '(', ')', '=', 'id=', ',', '/', '%2F', '%', '%C0%AF', 'x', '\u{10FFFF}'), fc.string({ maxLength: 6 })), { maxLength: 10 })
  .map((pieces) => pieces.join('').replace(/[?#\r\n]/g, '').replace(/[^\x21-\x7e]/gu, (character) => encodeURIComponent(character)));

const HEADER_NAMES = ['Accept', 'OData-Version', 'OData-MaxVersion', 'Prefer', 'If-Match', 'If-None-Match', 'client-request-id', 'Accept-Charset', 'Content-Type', 'Authorization'];
const headerValue = fc.oneof(
  fc.constantFrom('4.0', '4.01', '3.0', '0', '-1', '99999999999999999999', 'odata.maxpagesize=0', 'odata.maxpagesize=-1', 'odata.maxpagesize=99999999999',
    'return=minimal', 'application/json;odata.metadata=bogus', '*/*;q=0', 'text/html', '*', 'W/"x"', 'Bearer', 'Bearer x.y.z'),
  fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((code) => String.fromCharCode(code)), maxLength: 40 }),
);

/** One to three request headers with odd values (printable ASCII: what Node's client lets through). */
export const headersCase = fc.dictionary(fc.constantFrom(...HEADER_NAMES), headerValue, { minKeys: 1, maxKeys: 3 });
