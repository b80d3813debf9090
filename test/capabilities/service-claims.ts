// Container-wide claims: $batch, key-as-segment, async, cross joins, /$query, annotation values, formats.
import { expect } from 'chai';
import request from 'supertest';
import { expectGraphError } from '../support/graph-assertions';
import { EVENTS } from '../support/test-gateway';
import { get } from './claim-fixture';
import { capability, check, expectRefused, tagOf, type Claim, type ClaimCheck } from './claims';

/** A Core.Tag term on the container: one check for the value it claims. */
function tagClaim(name: string, supported: ClaimCheck, unsupported: ClaimCheck): Claim {
  const term = capability(name);
  return { term, target: 'EntityContainer', checks: (value) => [tagOf(term, value) ? supported : unsupported] };
}

const BATCH = { requests: [{ id: '1', method: 'GET', url: '/privilegedOperationEvents' }] };

export const serviceTagClaims: readonly Claim[] = [
  tagClaim('BatchSupported',
    check('BatchSupported: a JSON batch answers each request', async ({ app }) => {
      const response = await request(app).post('/beta/$batch').send(BATCH);
      expect({ status: response.status, inner: response.body.responses?.[0]?.status }).to.deep.equal({ status: 200, inner: 200 });
    }),
    check('not BatchSupported: POST /beta/$batch answers 404 or 405 with a Graph error', async ({ app }) => {
      const response = await request(app).post('/beta/$batch').send(BATCH);
      expect([404, 405]).to.include(response.status);
      expectGraphError(response, response.status, response.status === 404 ? 'notFound' : 'methodNotAllowed');
    })),
  tagClaim('KeyAsSegmentSupported',
    check('KeyAsSegmentSupported: /privilegedOperationEvents/{id} reads the entity', async (context) => {
      const response = await get(context, `/${context.alice}`);
      expect({ status: response.status, id: response.body.id }).to.deep.equal({ status: 200, id: context.alice });
    }),
    check('not KeyAsSegmentSupported: /privilegedOperationEvents/{id} is not an entity', async (context) => {
      expect((await get(context, `/${context.alice}`)).status).to.not.equal(200);
    })),
  tagClaim('AsynchronousRequestsSupported',
    check('AsynchronousRequestsSupported: Prefer: respond-async answers 202', async (context) => {
      expect((await get(context, '', { Prefer: 'respond-async' })).status).to.equal(202);
    }),
    check('not AsynchronousRequestsSupported: Prefer: respond-async is answered synchronously, not applied', async (context) => {
      const response = await get(context, '', { Prefer: 'respond-async' });
      expect(response.status).to.equal(200);
      expect(String(response.headers['preference-applied'] ?? '')).to.not.include('respond-async');
    })),
  tagClaim('CrossJoinSupported',
    check('CrossJoinSupported: /$crossjoin answers 200', async (context) => {
      expect((await get(context, '/beta/$crossjoin(privilegedOperationEvents)')).status).to.equal(200);
    }),
    check('not CrossJoinSupported: /$crossjoin is refused', async (context) => {
      expectRefused((await get(context, '/beta/$crossjoin(privilegedOperationEvents)')).status, '$crossjoin');
    })),
  tagClaim('QuerySegmentSupported',
    check('QuerySegmentSupported: POST …/$query with the options in the body answers 200', async ({ app }) => {
      const response = await request(app).post(`${EVENTS}/$query`).set('Content-Type', 'text/plain').send('$top=1');
      expect(response.status).to.equal(200);
    }),
    check('not QuerySegmentSupported: POST …/$query is refused', async ({ app }) => {
      const response = await request(app).post(`${EVENTS}/$query`).set('Content-Type', 'text/plain').send('$top=1');
      expectRefused(response.status, '/$query');
    })),
  tagClaim('AnnotationValuesInQuerySupported',
    check('AnnotationValuesInQuerySupported: $filter on an annotation value answers 200', async (context) => {
      expect((await get(context, `?$filter=${encodeURIComponent("@Core.Description eq 'x'")}`)).status).to.equal(200);
    }),
    check('not AnnotationValuesInQuerySupported: $filter on an annotation value answers 501', async (context) => {
      expect((await get(context, `?$filter=${encodeURIComponent("@Core.Description eq 'x'")}`)).status).to.equal(501);
    })),
];

/** Media type parameters, names lower-cased (RFC 9110, 8.3.1: they are case-insensitive), charset left out. */
function parametersOf(mediaType: string): Record<string, string> {
  const [, ...parameters] = mediaType.split(';').map((part) => part.trim());
  return Object.fromEntries(parameters.map((parameter) => parameter.split('='))
    .map(([name, value]) => [name.toLowerCase(), value]).filter(([name]) => name !== 'charset'));
}

const typeOf = (mediaType: string) => mediaType.split(';')[0].trim().toLowerCase();

/** Formats the service was never meant to serve; any of them the claim does not list must answer 406. */
const UNLISTED_CANDIDATES = ['application/xml', 'application/atom+xml', 'text/csv', 'text/html'];

function formatsClaim(name: string, path: string): Claim {
  const term = capability(name);
  return {
    term, target: 'EntityContainer',
    checks: (value) => {
      if (!Array.isArray(value)) return []; // not applied: no statement about formats
      const listed = value.map(String);
      return [
        ...listed.map((format) => check(`lists ${format}: it is served with those parameters`, async (context) => {
          const response = await get(context, path, { Accept: format });
          expect(response.status).to.equal(200);
          expect(typeOf(response.headers['content-type'])).to.equal(typeOf(format));
          expect(parametersOf(response.headers['content-type'])).to.deep.include(parametersOf(format));
        })),
        check('leaves out the other formats: they answer 406', async (context) => {
          for (const format of UNLISTED_CANDIDATES.filter((candidate) => !listed.some((item) => typeOf(item) === candidate))) {
            expect((await get(context, path, { Accept: format })).status, format).to.equal(406);
          }
        }),
      ];
    },
  };
}

export const supportedFormats = formatsClaim('SupportedFormats', '');
export const supportedMetadataFormats = formatsClaim('SupportedMetadataFormats', '/beta/$metadata');
