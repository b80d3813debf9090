// The program that uses the generated client (written into the client workspace as TypeScript), and what it reports.

/** What the program reads from the JSON file named by its first argument. */
export interface UsagePlan {
  readonly serviceRoot: string;
  /** Created in this order through the typed client. */
  readonly events: ReadonlyArray<Readonly<Record<string, string>>>;
  /** The requestType the query filters on, and its creationDateTime range [from, to). */
  readonly query: { readonly requestType: string; readonly from: string; readonly to: string; readonly top: number };
  /** A key no event has. */
  readonly missingId: string;
}

export interface UsageResponse {
  readonly status: number;
  readonly data: Record<string, unknown>;
}

/** What the program prints on stdout as one JSON document. */
export interface UsageReport {
  readonly created: readonly UsageResponse[];
  /** The first created event, read back by key. */
  readonly read: UsageResponse;
  /** The collection page the typed query returned. */
  readonly page: UsageResponse;
  /** How the client reported a read of `missingId`. */
  readonly missing: { readonly isClientError: boolean; readonly status?: number; readonly message: string };
}

export const USAGE_FILE = 'use-generated-client.ts';

/** The import paths and names are the ones odata2ts derives from the `microsoft.graph` namespace. */
export const USAGE_SOURCE = `// Creates, reads and queries privilegedOperationEvents through the client odata2ts generated from $metadata.
import { readFileSync } from 'node:fs';
import { FetchClient, FetchClientError } from '@odata2ts/http-client-fetch';
import type { EditableprivilegedOperationEvent } from './generated/MicrosoftGraphModel';
import { MicrosoftGraphService } from './generated/MicrosoftGraphService';
import type { QprivilegedOperationEvent } from './generated/QMicrosoftGraph';

interface Plan {
  readonly serviceRoot: string;
  readonly events: EditableprivilegedOperationEvent[];
  readonly query: { readonly requestType: string; readonly from: string; readonly to: string; readonly top: number };
  readonly missingId: string;
}

/** Never called: each line must fail to compile, showing that the types follow the served CSDL. */
export function typeChecks(q: QprivilegedOperationEvent): unknown[] {
  // @ts-expect-error no property 'requestTyp' in privilegedOperationEvent
  const misspelt = q.requestTyp;
  // @ts-expect-error the key 'id' is computed by the service, so it is not part of the editable model
  const withKey: EditableprivilegedOperationEvent = { id: 'chosen-by-client' };
  return [misspelt, withKey];
}

async function main(plan: Plan): Promise<void> {
  const service = new MicrosoftGraphService(new FetchClient(), plan.serviceRoot);
  const events = service.privilegedOperationEvents();
  const created = [];
  for (const event of plan.events) {
    const response = await events.create(event);
    created.push({ status: response.status, data: response.data });
  }
  const firstId: string = created[0]!.data.id;
  const read = await service.privilegedOperationEvents(firstId).query();
  const { requestType, from, to, top } = plan.query;
  const page = await events.query((builder, q) => builder
    .filter(q.requestType.eq(requestType), q.creationDateTime.ge(from), q.creationDateTime.lt(to))
    .orderBy(q.creationDateTime.desc())
    .top(top)
    .count());
  const missing = await service.privilegedOperationEvents(plan.missingId).query().then(
    () => ({ isClientError: false, message: 'no error' }),
    (error: unknown) => ({
      isClientError: error instanceof FetchClientError,
      status: error instanceof FetchClientError ? error.status : undefined,
      message: error instanceof Error ? error.message : String(error),
    }),
  );
  const report = {
    created, read: { status: read.status, data: read.data }, page: { status: page.status, data: page.data }, missing,
  };
  process.stdout.write(JSON.stringify(report));
}

main(JSON.parse(readFileSync(process.argv[2]!, 'utf8')) as Plan).catch((error: unknown) => {
  process.stderr.write(\`\${error instanceof Error ? error.stack : String(error)}\\n\`);
  process.exit(1);
});
`;
