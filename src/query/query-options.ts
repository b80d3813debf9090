// Splits a raw query string into system query options and parameter aliases (OData 4.01 Part 2 2.1 and 5); custom options are ignored.
import { badRequest, notImplemented } from './query-errors';

/** System query options the collection reader implements. */
export const SUPPORTED_OPTIONS = ['filter', 'select', 'orderby', 'top', 'skip', 'count', 'search', 'skiptoken', 'format'] as const;
export type SupportedOption = (typeof SUPPORTED_OPTIONS)[number];

/** Defined by OData 4.01 but not implemented here: 501. */
export const NOT_IMPLEMENTED_OPTIONS = ['expand', 'apply', 'compute', 'index', 'deltatoken', 'id'];
/** OData 4.01 Part 1 13.2.1: $schemaversion only matters when $metadata carries Core.SchemaVersion, which ours does not. */
const IGNORED_OPTIONS = ['schemaversion'];

export interface QueryOptions {
  /** Percent-decoded values by lower-case option name without `$`. */
  readonly system: ReadonlyMap<SupportedOption, string>;
  /** Percent-decoded alias values by name without `@`. */
  readonly aliases: ReadonlyMap<string, string>;
}

export function splitQueryOptions(rawQuery: string): QueryOptions {
  const system = new Map<SupportedOption, string>();
  const aliases = new Map<string, string>();
  // 2.1: split the undecoded query at "&" and each option at the first "=", then percent-decode name and value once
  for (const piece of rawQuery.replace(/^\?/, '').split('&')) {
    if (piece === '') continue;
    const equals = piece.indexOf('=');
    const name = decode(equals < 0 ? piece : piece.slice(0, equals), 'query option name');
    const value = equals < 0 ? undefined : decode(piece.slice(equals + 1), name);
    if (name.startsWith('@')) addAlias(aliases, name, value);
    else addSystemOption(system, name, value);
  }
  return { system, aliases };
}

function addAlias(aliases: Map<string, string>, name: string, value: string | undefined): void {
  if (!/^@[\p{L}\p{Nl}_][\p{L}\p{Nl}\p{Nd}\p{Mn}\p{Mc}\p{Pc}\p{Cf}]*$/u.test(name)) throw badRequest(`'${name}' is not a valid parameter alias name.`, name);
  if (aliases.has(name.slice(1))) throw badRequest(`The parameter alias ${name} is given more than one value.`, name);
  if (value === undefined) throw badRequest(`The parameter alias ${name} needs a value (${name}=…).`, name);
  aliases.set(name.slice(1), value);
}

function addSystemOption(system: Map<SupportedOption, string>, name: string, value: string | undefined): void {
  // 5.1: system query option names are case-insensitive and the "$" prefix is optional
  const bare = (name.startsWith('$') ? name.slice(1) : name).toLowerCase();
  const known = (SUPPORTED_OPTIONS as readonly string[]).includes(bare);
  if (!known && !NOT_IMPLEMENTED_OPTIONS.includes(bare) && !IGNORED_OPTIONS.includes(bare)) {
    if (name.startsWith('$')) throw badRequest(`'${name}' is not a system query option.`, name);
    return; // 5.2: a custom query option; the service defines none
  }
  if (NOT_IMPLEMENTED_OPTIONS.includes(bare)) throw notImplemented(`The system query option '${name}' is not supported.`, name);
  if (!known) return;
  const option = bare as SupportedOption;
  if (system.has(option)) throw badRequest(`The system query option '$${option}' is given more than once.`, `$${option}`);
  if (value === undefined) throw badRequest(`The system query option '${name}' needs a value (${name}=…).`, `$${option}`);
  system.set(option, value);
}

/** decodeURIComponent refuses malformed UTF-8, so no lone surrogate gets through; U+0000 is refused as PostgreSQL text cannot hold it. */
function decode(text: string, what: string): string {
  let decoded: string;
  try {
    decoded = decodeURIComponent(text);
  } catch {
    throw badRequest(`The ${what} '${text}' is not correctly percent-encoded.`, what);
  }
  if (decoded.includes('\u0000')) throw badRequest(`The ${what} contains U+0000, which is not allowed.`, what);
  return decoded;
}
