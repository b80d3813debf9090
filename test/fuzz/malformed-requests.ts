// Generators of malformed bodies, headers and URLs, from a seeded random source so a failure can be replayed.

export interface Random {
  next(): number;
  int(max: number): number;
  pick<T>(items: readonly T[]): T;
}

export function createRandom(seed: number): Random {
  let state = seed >>> 0;
  const next = () => {
    // mulberry32
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (max: number) => Math.floor(next() * max);
  return { next, int, pick: (items) => items[int(items.length)] };
}

const PROPERTIES = ['userId', 'userName', 'creationDateTime', 'expirationDateTime', 'requestType', 'id', 'unknownThing', '@odata.type', ''];
const SQLISH = ["' OR 1=1 --", "'); DROP TABLE privilegedOperationEvents; --", '\\x00', '%27', 'NULL'];

function deep(depth: number): unknown {
  let value: unknown = 'leaf';
  for (let i = 0; i < depth; i += 1) value = i % 2 === 0 ? [value] : { nested: value };
  return value;
}

function oddValue(random: Random): unknown {
  return random.pick<() => unknown>([
    () => random.int(1e9) - 5e8, () => random.next() > 0.5, () => null, () => [], () => ({}),
    () => deep(1 + random.int(1500)), () => 'x'.repeat(random.int(70_000)), () => random.pick(SQLISH),
    () => '\u0000ctrl\u0001\u001f', () => '\ud800lone', () => '2017-13-45T99:99:99Z', () => '2017-06-25T07:00:00Z',
    () => 1e308, () => 'plain text',
  ])();
}

export interface MalformedBody {
  readonly label: string;
  readonly contentType: string;
  readonly payload: string | Buffer;
}

export function malformedBody(random: Random): MalformedBody {
  const object: Record<string, unknown> = {};
  for (let i = random.int(4); i >= 0; i -= 1) object[random.pick(PROPERTIES)] = oddValue(random);
  const json = JSON.stringify(object);
  const variants: (() => MalformedBody)[] = [
    () => ({ label: 'object', contentType: 'application/json', payload: json }),
    () => ({ label: 'truncated', contentType: 'application/json', payload: json.slice(0, random.int(json.length)) }),
    () => ({ label: 'invalid utf-8', contentType: 'application/json', payload: Buffer.concat([Buffer.from('{"userId":"'), Buffer.from([0xff, 0xfe, 0xc3]), Buffer.from('"}')]) }),
    () => ({ label: 'text/plain', contentType: 'text/plain', payload: json }),
    () => ({ label: 'odd charset', contentType: 'application/json; charset=ebcdic', payload: json }),
    () => ({ label: 'not an object', contentType: 'application/json', payload: random.pick(['[]', '1', '"s"', 'null', 'true', '']) }),
    () => ({ label: 'deep nesting', contentType: 'application/json', payload: '['.repeat(20_000) + ']'.repeat(20_000) }),
  ];
  return random.pick(variants)();
}

export function malformedHeaders(random: Random): Record<string, string> {
  const headers: Record<string, string> = {};
  const choices: [string, readonly string[]][] = [
    ['Accept', ['application/xml', 'text/html', '*/*', 'application/json;odata.metadata=bogus', ';;;', 'application/json;q=0']],
    ['OData-MaxVersion', ['3.0', 'x', '4.0', '99.99', '']],
    ['OData-Version', ['2.0', '4.01', 'four']],
    ['Prefer', ['return=minimal', 'odata.maxpagesize=-1', 'odata.maxpagesize=99999999999', ',,,=']],
    ['client-request-id', ['ok-id', 'x'.repeat(500)]],
  ];
  for (const [name, values] of choices) if (random.next() < 0.4) headers[name] = random.pick(values);
  return headers;
}

export function malformedUrl(random: Random): string {
  return random.pick<() => string>([
    () => `/beta/privilegedOperationEvents?$top=${random.pick(['-1', '1e99', 'abc', '99999999999999999999', ''])}`,
    () => `/beta/privilegedOperationEvents?$skip=${random.pick(['-5', 'NaN', '%'])}`,
    () => `/beta/privilegedOperationEvents?$filter=${random.pick(['userId eq', "userId eq 'a", '((((', 'nope eq 1', '%zz', "userId eq '%27%27'"])}`,
    () => `/beta/privilegedOperationEvents('${random.pick(SQLISH)}')`,
    () => `/beta/${random.pick(['%', '%E0%A4%A', '..', '$metadata/x', '$batch', 'privilegedOperationEvents/$count/x'])}`,
    () => `/beta/privilegedOperationEvents?${random.pick(['$expand=x', '$apply=x', '$foo=1', '$select=nope', '%24filter=x'])}`,
    () => `/beta/privilegedOperationEvents/${'a/'.repeat(random.int(50))}`,
  ])();
}
