// Content negotiation: which representation the client accepts, from `$format` or `Accept` (OData 4.01 Part 1, 8.2.1).
import type { Request } from 'express';
import { NotAcceptableError } from '../errors/graph-error';
import type { MetadataLevel } from './graph-response';

interface MediaRange {
  readonly type: string;
  readonly metadata?: string;
  readonly quality: number;
}

function parseAccept(header: string): MediaRange[] {
  return header.split(',').map((range) => {
    const [type, ...parameters] = range.split(';').map((part) => part.trim().toLowerCase());
    const parameter = (name: string) => parameters.find((p) => p.startsWith(`${name}=`))?.slice(name.length + 1);
    return { type, metadata: parameter('odata.metadata') ?? parameter('metadata'), quality: Number(parameter('q') ?? '1') };
  }).filter((range) => range.type !== '' && range.quality > 0);
}

/** The `$format` value, whichever spelling of the option name the client used. */
export function formatOption(req: Request): string | undefined {
  for (const [name, value] of new URLSearchParams(req.url.split('?')[1] ?? '')) {
    if (/^\$?format$/i.test(name)) return value;
  }
  return undefined;
}

const JSON_TYPES = new Set(['application/json', 'application/*', '*/*']);
const XML_TYPES = new Set(['application/xml', 'text/xml', 'application/*', '*/*']);

/** JSON responses: the metadata level asked for, or 406 when the client accepts no JSON. */
export function negotiateJson(req: Request): MetadataLevel {
  const format = formatOption(req);
  const ranges = format !== undefined
    ? parseAccept(format.toLowerCase() === 'json' ? 'application/json' : format)
    : parseAccept(req.get('accept') ?? '*/*');
  const match = ranges.find((range) => JSON_TYPES.has(range.type));
  if (!match) throw new NotAcceptableError('The service answers this request with application/json only.');
  const metadata = match.metadata ?? 'minimal';
  if (metadata !== 'minimal' && metadata !== 'full' && metadata !== 'none') {
    throw new NotAcceptableError(`odata.metadata=${metadata} is not supported; use minimal, full or none.`);
  }
  return metadata;
}

/** `$metadata`: XML unless JSON is asked for by `$format=json` or an Accept that prefers it. */
export function negotiateMetadataFormat(req: Request): 'xml' | 'json' {
  const format = formatOption(req)?.toLowerCase();
  if (format !== undefined) {
    if (format === 'json' || format.startsWith('application/json')) return 'json';
    if (format === 'xml' || format.startsWith('application/xml')) return 'xml';
    throw new NotAcceptableError(`$format=${format} is not available for $metadata; use xml or json.`);
  }
  // Graph answers $metadata in XML, and generic clients send `application/json, */*` by default: XML wins
  // whenever it is acceptable at all; JSON is for a client that accepts JSON and no XML.
  const ranges = parseAccept(req.get('accept') ?? '*/*');
  if (ranges.some((range) => XML_TYPES.has(range.type))) return 'xml';
  if (ranges.some((range) => range.type === 'application/json')) return 'json';
  throw new NotAcceptableError('$metadata is available as application/xml or application/json.');
}
