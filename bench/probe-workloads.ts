// Before timing: which workloads the gateway answers (501 → not available), and whether both servers answer with the same JSON.
import type { ServerProcess } from './server-process';
import type { BenchRequest, Workload } from './workloads';

export interface WorkloadProbe {
  readonly workload: string;
  readonly gatewayStatus: number;
  readonly baselineStatus: number;
  /** The gateway answers 2xx: the workload is measured. */
  readonly available: boolean;
  /** undefined when both bodies are the same after masking origins and service-computed values. */
  readonly difference?: string;
}

interface Answer {
  readonly status: number;
  readonly location: string | null;
  readonly body: unknown;
}

async function send(server: ServerProcess, request: BenchRequest, authorization?: string): Promise<Answer> {
  const headers: Record<string, string> = request.body === undefined ? {} : { 'content-type': 'application/json' };
  if (authorization) headers.authorization = authorization;
  const response = await fetch(`${server.origin}${request.path}`, {
    method: request.method, headers, body: request.body, signal: AbortSignal.timeout(10_000),
  });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch { /* not JSON: compared as text */ }
  return { status: response.status, location: response.headers.get('location'), body };
}

/** The same request to both servers; bodies compared in full, property order included. */
export async function probeWorkload(
  workload: Workload, gateway: ServerProcess, baseline: ServerProcess, authorization?: string,
): Promise<WorkloadProbe> {
  const request = workload.next();
  if (workload.batch) return probeBatch(workload, request, gateway, authorization);
  const [fromGateway, fromBaseline] = [await send(gateway, request, authorization), await send(baseline, request, authorization)];
  const available = fromGateway.status >= 200 && fromGateway.status < 300;
  const probe = { workload: workload.name, gatewayStatus: fromGateway.status, baselineStatus: fromBaseline.status, available };
  if (!available) return probe;
  const masked = [mask(fromGateway, gateway.origin), mask(fromBaseline, baseline.origin)];
  const difference = firstDifference(masked[0], masked[1], '');
  return difference === undefined ? probe : { ...probe, difference };
}

/** A batch workload goes to the gateway only: measured when the batch and each of its requests answer 2xx. */
async function probeBatch(workload: Workload, request: BenchRequest, gateway: ServerProcess, authorization?: string): Promise<WorkloadProbe> {
  const answer = await send(gateway, request, authorization);
  const statuses = ((answer.body as { responses?: { status: number }[] }).responses ?? []).map((inner) => inner.status);
  const failed = statuses.find((status) => status < 200 || status >= 300);
  const ok = answer.status === 200 && statuses.length === workload.batch!.items && failed === undefined;
  return { workload: workload.name, gatewayStatus: ok || answer.status !== 200 ? answer.status : failed ?? 500, baselineStatus: 0, available: ok };
}

/** Origins → ORIGIN; service-computed create values (id, time) → placeholders. */
function mask(answer: Answer, origin: string): unknown {
  const text = JSON.stringify({ status: answer.status, location: answer.location, body: answer.body }).split(origin).join('ORIGIN');
  const masked = JSON.parse(text) as { location: string | null; body: unknown };
  if (masked.location !== null && typeof masked.body === 'object' && masked.body !== null && 'id' in masked.body) {
    const body = masked.body as Record<string, unknown>;
    masked.location = masked.location.split(String(body.id)).join('<id>');
    body.id = '<id>';
    if (typeof body.creationDateTime === 'string') body.creationDateTime = '<now>';
  }
  return masked;
}

function firstDifference(a: unknown, b: unknown, path: string): string | undefined {
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) {
    return a === b ? undefined : `${path || '/'}: gateway ${JSON.stringify(a)?.slice(0, 80)} vs baseline ${JSON.stringify(b)?.slice(0, 80)}`;
  }
  const keysA = Object.keys(a);
  const keysB = Object.keys(b);
  if (keysA.join(',') !== keysB.join(',')) return `${path || '/'}: gateway keys [${keysA.join(',')}] vs baseline [${keysB.join(',')}]`;
  for (const key of keysA) {
    const difference = firstDifference((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key], `${path}/${key}`);
    if (difference !== undefined) return difference;
  }
  return undefined;
}
