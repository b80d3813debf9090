// Where a delta request's page starts and ends: a new round reads the current change position once, a page carries it on.
import type { DeltaRequest } from './delta-request';

export interface ChangeRoundPlan {
  /** The previous round's end; undefined for the initial round (every current entity). */
  readonly from?: string;
  readonly to: string;
  readonly after?: { readonly position: string; readonly key: string };
  /** `$deltatoken=latest`: no entities, only a deltaLink from now on. */
  readonly latest: boolean;
}

export async function changeRoundPlan(request: DeltaRequest, current: () => Promise<string>): Promise<ChangeRoundPlan> {
  switch (request.kind) {
    case 'initial':
      return { to: await current(), latest: request.latest };
    case 'round':
      return { from: request.state.from, to: await current(), latest: false };
    case 'page':
      return { from: request.state.from, to: request.state.to, after: request.state.after, latest: false };
  }
}
