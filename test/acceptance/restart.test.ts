// Persistence: what one gateway created, a new gateway on the same SQLite file still reads.
import { expect } from 'chai';
import { rmSync } from 'node:fs';
import request from 'supertest';
import { EVENTS, SEED_EVENT, startTestGateway, temporaryDirectory } from '../support/test-gateway';

describe('a restart of the gateway on the same SQLite file', () => {
  const directory = temporaryDirectory();
  after(() => rmSync(directory, { recursive: true, force: true }));

  it('still serves the events created before the restart', async () => {
    const first = await startTestGateway({ directory });
    const created = (await request(first.app).post(EVENTS).send(SEED_EVENT).expect(201)).body;
    await first.close();
    const second = await startTestGateway({ directory });
    try {
      const read = await request(second.app).get(`${EVENTS}('${created.id}')`);
      expect(read.status).to.equal(200);
      expect(read.body).to.deep.equal(created);
    } finally {
      await second.close();
    }
  });
});
