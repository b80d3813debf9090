// Follows delta links the way a consumer does: every page of a round, then the deltaLink it ends with.
import { expect } from 'chai';
import request from 'supertest';
import type { Express } from 'express';
import { PUBLIC_URL } from './test-gateway';

export interface DeltaRound {
  readonly entities: Record<string, unknown>[];
  readonly deltaLink: string;
  readonly pages: number;
  readonly contexts: string[];
}

/** `start` is a path below the public URL (e.g. /beta/privilegedOperationEvents/delta) or an absolute link the service sent. */
export async function walkRound(app: Express, start: string, headers: Readonly<Record<string, string>> = {}): Promise<DeltaRound> {
  const entities: Record<string, unknown>[] = [];
  const contexts: string[] = [];
  let link: string | undefined = start;
  for (let pages = 1; ; pages += 1) {
    const path: string = link.startsWith(PUBLIC_URL) ? link.slice(PUBLIC_URL.length) : link;
    const response = await request(app).get(path).set(headers);
    expect(response.status, `${path}: ${response.text}`).to.equal(200);
    entities.push(...response.body.value);
    contexts.push(response.body['@odata.context']);
    const next = response.body['@odata.nextLink'] as string | undefined;
    const delta = response.body['@odata.deltaLink'] as string | undefined;
    expect(Boolean(next) !== Boolean(delta), 'a page carries either a nextLink or a deltaLink').to.equal(true);
    if (delta) return { entities, deltaLink: delta, pages, contexts };
    link = next!;
  }
}

/** The path and query of a link the service sent, for supertest. */
export const pathOf = (link: string) => link.slice(PUBLIC_URL.length);
