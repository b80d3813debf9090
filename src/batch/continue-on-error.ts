// The `continue-on-error` preference of a batch request (OData 4.01 Part 1, 8.2.8.3; `odata.continue-on-error` in 4.0).
import type { Request } from 'express';
import { readPreferences } from '../http/prefer-header';

/** The preference's name as sent when it asks to continue (implicitly or `=true`); undefined when absent or `=false`. */
export function continueOnErrorPreference(req: Request): string | undefined {
  const preferences = readPreferences(req.get('prefer'));
  const name = ['continue-on-error', 'odata.continue-on-error'].find((candidate) => preferences.has(candidate));
  return name === undefined || preferences.get(name)?.toLowerCase() === 'false' ? undefined : name;
}
