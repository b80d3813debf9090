// The multipart reader of $batch (multipasta behind src/batch/multipart-parts.ts) and the HTTP message in a part:
// nested change sets, binary bodies byte for byte, preamble and epilogue, and every unreadable body a Graph 400.
import { expect } from 'chai';
import { BadRequestError } from '../../src/errors/graph-error';
import { readHttpRequest, writeHttpResponse } from '../../src/batch/http-message';
import { boundaryOf, readParts } from '../../src/batch/multipart-parts';

const BINARY = Buffer.from(Array.from({ length: 256 }, (_, index) => index));
const CHANGE_SET = Buffer.concat([
  Buffer.from('--cs\r\nContent-Type: application/http\r\nContent-ID: 1\r\n\r\nPOST Things HTTP/1.1\r\nContent-Type: application/octet-stream\r\n\r\n'),
  BINARY, Buffer.from('\r\n--cs--'),
]);
const BATCH = Buffer.concat([
  Buffer.from('preamble\r\n--b\r\nContent-Type: application/http\r\n\r\nGET Things HTTP/1.1\r\n\r\n\r\n--b\r\nContent-Type: multipart/mixed; boundary=cs\r\n\r\n'),
  CHANGE_SET, Buffer.from('\r\n--b--\r\nepilogue --b\r\nContent-Type: application/http\r\n\r\nGET Ignored HTTP/1.1\r\n'),
]);

const refused = (run: () => unknown): string => {
  try {
    run();
  } catch (error) {
    expect(error).to.be.instanceOf(BadRequestError);
    return (error as Error).message;
  }
  throw new Error('expected a BadRequestError');
};

describe('multipart batch bodies (multipasta)', () => {
  it('reads the parts and a nested change set with its binary body byte for byte, ignoring preamble and epilogue', () => {
    const parts = readParts(BATCH, 'b', 20, 'batch');
    expect(parts.map((part) => [part.type, part.parameters.boundary])).to.deep.equal([['application/http', undefined], ['multipart/mixed', 'cs']]);
    expect(parts[0]!.body.toString()).to.equal('GET Things HTTP/1.1\r\n\r\n');
    expect(parts[1]!.body.equals(CHANGE_SET)).to.equal(true);
    const [member] = readParts(parts[1]!.body, 'cs', 20, 'change set');
    expect(member!.headers['content-id']).to.equal('1');
    const message = readHttpRequest(member!.body, 'part');
    expect([message.method, message.target, message.headers['content-type']]).to.deep.equal(['POST', 'Things', 'application/octet-stream']);
    expect(message.body.equals(BINARY)).to.equal(true);
  });

  it('refuses a body without its closing delimiter, with too many parts, or with part headers it cannot read', () => {
    expect(refused(() => readParts(BATCH.subarray(0, BATCH.indexOf('--b--') - 2), 'b', 20, 'batch'))).to.match(/closing delimiter/);
    expect(refused(() => readParts(BATCH, 'b', 1, 'batch'))).to.match(/more than 1 parts/);
    expect(refused(() => readParts(Buffer.from('--b\r\nBad Header: x\r\n\r\n\r\n--b--'), 'b', 20, 'batch'))).to.match(/headers are malformed/);
    expect(readParts(Buffer.from('--b----b\r\nContent-Type: application/http\r\n\r\nGET / HTTP/1.1\r\n--b--'), 'b', 20, 'batch')).to.deep.equal([]);
  });

  it('takes a boundary of 1 to 70 RFC 2046 characters, quoted or not', () => {
    expect(boundaryOf('multipart/mixed; boundary="a b:c"', 'batch')).to.equal('a b:c');
    expect(boundaryOf('multipart/mixed;boundary=batch_1', 'batch')).to.equal('batch_1');
    for (const type of ['multipart/mixed', 'multipart/mixed; boundary=', `multipart/mixed; boundary=${'x'.repeat(71)}`, 'multipart/mixed; boundary="a "']) {
      refused(() => boundaryOf(type, 'batch'));
    }
  });

  it('reads request lines with and without a version, and refuses others', () => {
    expect(readHttpRequest(Buffer.from('DELETE People(1)'), 'part')).to.deep.include({ method: 'DELETE', target: 'People(1)' });
    for (const line of ['GET HTTP/1.1', 'GET a b HTTP/1.1', 'GET /x HTTP/2', '', ' GET /x']) refused(() => readHttpRequest(Buffer.from(`${line}\r\n\r\n`), 'part'));
    const sized = readHttpRequest(Buffer.from('POST x HTTP/1.1\r\nContent-Length: 2\r\n\r\n{}\r\n\r\n'), 'part');
    expect(sized.body.toString()).to.equal('{}');
    refused(() => readHttpRequest(Buffer.from('POST x HTTP/1.1\r\nContent-Length: 1\r\n\r\n{}'), 'part'));
  });

  it('writes a response message: status line, headers, Content-Length, body', () => {
    expect(writeHttpResponse(201, { Location: 'x', 'Content-Length': '9' }, Buffer.from('{}')).toString())
      .to.equal('HTTP/1.1 201 Created\r\nLocation: x\r\nContent-Length: 2\r\n\r\n{}');
    expect(writeHttpResponse(204, {}, Buffer.alloc(0)).toString()).to.equal('HTTP/1.1 204 No Content\r\n\r\n');
  });
});
