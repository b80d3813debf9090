// Reads the Prefer header (RFC 7240; OData 4.01 Part 1, 8.2.8) into preference name → value.

export type Preferences = ReadonlyMap<string, string>;

export function readPreferences(header: string | undefined): Preferences {
  const preferences = new Map<string, string>();
  for (const part of (header ?? '').split(',')) {
    const [token] = part.split(';');
    const [name, ...value] = token.split('=');
    const key = name.trim().toLowerCase();
    if (key !== '' && !preferences.has(key)) preferences.set(key, value.join('=').trim().replace(/^"(.*)"$/, '$1'));
  }
  return preferences;
}
