// Compression: br and gzip from the threshold on, when the client accepts them; tiny bodies and HEAD as they are;
// Vary and Content-Length right; COMPRESSION_MIN_BYTES=off never compresses.
import { expect } from 'chai';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import type { Express } from 'express';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { EVENTS, SEED_EVENT, startTestGateway, type TestGateway } from '../support/test-gateway';

interface RawResponse { readonly status: number; readonly headers: IncomingHttpHeaders; readonly body: Buffer }

/** The raw bytes of an answer, undecoded (supertest would decode gzip and br itself). */
/** `acceptEncoding` undefined: no Accept-Encoding header at all. */
function fetchRaw(app: Express, path: string, acceptEncoding: string | undefined, method = 'GET'): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const server = app.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      const outgoing = httpRequest({ host: '127.0.0.1', port, path, method, headers: acceptEncoding === undefined ? {} : { 'Accept-Encoding': acceptEncoding } }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => { server.close(); resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }); });
      });
      outgoing.on('error', (error) => { server.close(); reject(error); });
      outgoing.end();
    });
  });
}

function varyOf(response: RawResponse): string[] {
  return String(response.headers.vary ?? '').split(',').map((name) => name.trim().toLowerCase());
}

describe('compression', () => {
  let gateway: TestGateway;
  before(async () => {
    gateway = await startTestGateway();
    for (let index = 0; index < 20; index += 1) await request(gateway.app).post(EVENTS).send(SEED_EVENT).expect(201);
  });
  after(() => gateway.dispose());

  for (const [encoding, decode] of [['gzip', gunzipSync], ['br', brotliDecompressSync]] as const) {
    for (const path of ['/beta/$metadata', EVENTS]) {
      it(`${encoding}: ${path} is compressed and decodes to the identity body`, async () => {
        const identity = await fetchRaw(gateway.app, path, 'identity');
        const compressed = await fetchRaw(gateway.app, path, encoding);
        expect(compressed.status).to.equal(200);
        expect(compressed.headers['content-encoding']).to.equal(encoding);
        expect(varyOf(compressed)).to.include('accept-encoding');
        const { body } = compressed;
        if (compressed.headers['content-length'] !== undefined) expect(Number(compressed.headers['content-length'])).to.equal(body.length);
        expect(body.length).to.be.lessThan(identity.body.length / 2);
        const decoded = decode(body).toString('utf8');
        if (path === EVENTS) expect(JSON.parse(decoded)).to.deep.equal(JSON.parse(identity.body.toString('utf8')));
        else expect(decoded).to.equal(identity.body.toString('utf8'));
        expect(identity.headers['content-encoding']).to.equal(undefined);
        expect(Number(identity.headers['content-length'])).to.equal(identity.body.length);
      });
    }
  }

  it('prefers br when the client accepts both (Accept-Encoding: gzip, deflate, br)', async () => {
    const response = await fetchRaw(gateway.app, '/beta/$metadata', 'gzip, deflate, br');
    expect(response.headers['content-encoding']).to.equal('br');
  });

  it('sends a body under the threshold as it is, with its Content-Length and Vary', async () => {
    const response = await fetchRaw(gateway.app, `${EVENTS}/$count`, 'gzip, br');
    expect(response.status).to.equal(200);
    expect(response.headers['content-encoding']).to.equal(undefined);
    expect(Number(response.headers['content-length'])).to.equal(response.body.length);
    expect(varyOf(response)).to.include('accept-encoding');
    const error = await fetchRaw(gateway.app, `${EVENTS}('nope')`, 'gzip, br');
    expect(error.status).to.equal(404);
    expect(error.headers['content-encoding']).to.equal(undefined);
  });

  it('does not compress for a client that accepts no encoding (none given, or identity)', async () => {
    const none = await fetchRaw(gateway.app, '/beta/$metadata', '');
    expect(none.headers['content-encoding']).to.equal(undefined);
    const identity = await fetchRaw(gateway.app, '/beta/$metadata', 'identity');
    expect(identity.headers['content-encoding']).to.equal(undefined);
  });

  it('answers a request without Accept-Encoding as the package answers identity: same body length, same Vary', async () => {
    // Without the header the package is skipped (only identity is possible); its Vary rule is applied instead.
    const paths = ['/beta/$metadata', '/beta/', `${EVENTS}/$count`, `${EVENTS}?$top=3`, `${EVENTS}('nope')`, '/beta/noSuchSet'];
    for (const path of paths) {
      for (const method of ['GET', 'HEAD']) {
        const none = await fetchRaw(gateway.app, path, undefined, method);
        const identity = await fetchRaw(gateway.app, path, 'identity', method);
        expect(none.status, `${method} ${path}`).to.equal(identity.status);
        expect(none.headers['content-encoding'], `${method} ${path}`).to.equal(undefined);
        expect(none.headers.vary, `${method} ${path} Vary`).to.equal(identity.headers.vary);
        expect(none.body.length, `${method} ${path} body (error bodies differ only in their request-id)`).to.equal(identity.body.length);
      }
    }
    expect(varyOf(await fetchRaw(gateway.app, '/beta/$metadata', undefined))).to.include('accept-encoding');
  });

  it('answers HEAD uncompressed, with the identity Content-Length', async () => {
    const get = await fetchRaw(gateway.app, '/beta/$metadata', 'identity');
    const head = await request(gateway.app).head('/beta/$metadata').set('Accept-Encoding', 'gzip, br');
    expect(head.headers['content-encoding']).to.equal(undefined);
    expect(head.headers['content-length']).to.equal(String(get.body.length));
  });

  it('never compresses with COMPRESSION_MIN_BYTES=off, and compresses small bodies with a low threshold', async () => {
    const off = await startTestGateway({ env: { COMPRESSION_MIN_BYTES: 'off' } });
    const low = await startTestGateway({ env: { COMPRESSION_MIN_BYTES: '0' } });
    try {
      const plain = await fetchRaw(off.app, '/beta/$metadata', 'gzip, br');
      expect(plain.headers['content-encoding']).to.equal(undefined);
      expect(varyOf(plain)).to.not.include('accept-encoding');
      const small = await fetchRaw(low.app, '/beta/', 'gzip');
      expect(small.headers['content-encoding']).to.equal('gzip');
    } finally {
      await off.dispose();
      await low.dispose();
    }
  });
});
