// Requests born with the app's prototypes: node:http builds them from the classes, Express's prototype change is then a
// no-op, and the batch's in-process requests are built the same way.
import { expect } from 'chai';
import express from 'express';
import { createServer, IncomingMessage, ServerResponse, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Socket } from 'node:net';
import { expressServerClasses } from '../../src';
import { constructorWithPrototype } from '../../src/server/express-server-classes';

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe('expressServerClasses', () => {
  it('gives node:http request and response objects that have the app\'s prototypes before Express sees them', async () => {
    const app = express();
    app.get('/seen', (req, res) => {
      res.json({ path: req.path, protocol: req.protocol });
    });
    const server = createServer({ ...expressServerClasses(app) });
    const before: boolean[] = [];
    server.on('request', (req: IncomingMessage, res: ServerResponse) => {
      before.push(Object.getPrototypeOf(req) === app.request && Object.getPrototypeOf(res) === app.response
        && req instanceof IncomingMessage && res instanceof ServerResponse);
    });
    server.on('request', app);
    const origin = await listen(server);
    try {
      for (let i = 0; i < 3; i += 1) {
        const response = await fetch(`${origin}/seen?x=1`);
        expect(response.status).to.equal(200);
        expect(await response.json()).to.deep.equal({ path: '/seen', protocol: 'http' });
      }
      expect(before).to.deep.equal([true, true, true]);
    } finally {
      server.close();
    }
  });

  it('refuses an object whose prototypes are not node:http\'s', () => {
    expect(() => expressServerClasses({ request: {}, response: {} })).to.throw(TypeError, /do not extend node:http/);
  });

  it('makes one constructor per prototype, whose objects are Base\'s with that prototype', () => {
    const app = express();
    const Born = constructorWithPrototype(IncomingMessage, app.request);
    expect(Born).to.be.a('function');
    expect(constructorWithPrototype(IncomingMessage, app.request)).to.equal(Born);
    const req = new (Born as unknown as new (socket: Socket) => IncomingMessage)(new Socket());
    expect(Object.getPrototypeOf(req)).to.equal(app.request);
    expect(req).to.be.instanceOf(IncomingMessage);
    expect(req.headers).to.deep.equal({}); // IncomingMessage's own constructor ran
  });

  it('gives no constructor for an ES class (the caller falls back to Object.setPrototypeOf)', () => {
    class Plain { value = 1; }
    expect(constructorWithPrototype(Plain, {})).to.equal(undefined);
  });
});
