// Server-driven paging: nextLink with a keyset $skiptoken, every edge of the page walk, and tampered tokens.
import { expect } from 'chai';
import request from 'supertest';
import { buildEventFixtures, newestFirst, seedEvents, type SeededEvent } from '../support/event-fixtures';
import { expectGraphError } from '../support/graph-assertions';
import { EVENTS, PUBLIC_URL, startTestGateway, TEST_ENGINES, type TestGateway } from '../support/test-gateway';

const PAGE = 5;

for (const engine of TEST_ENGINES) describe(`server-driven paging on ${engine}`, () => {
  let gateway: TestGateway;
  let events: SeededEvent[];
  before(async function () {
    gateway = await startTestGateway({ engine, skip: () => this.skip(), env: { DEFAULT_PAGE_SIZE: String(PAGE), MAX_PAGE_SIZE: '8' } });
    events = await seedEvents(gateway.app, buildEventFixtures(20));
  });
  after(async () => { await gateway?.dispose(); });

  type Page = { value: { id: string }[]; '@odata.nextLink'?: string; '@odata.count'?: number };
  const relative = (link: string) => link.slice(PUBLIC_URL.length);

  /** Follows nextLinks from `first` and returns every page's body. */
  async function walk(first: string, between?: (pageIndex: number) => Promise<void>): Promise<Page[]> {
    const pages: Page[] = [];
    let url: string | undefined = first;
    while (url !== undefined && pages.length < 50) {
      const response: request.Response = await request(gateway.app).get(url).expect(200);
      pages.push(response.body);
      await between?.(pages.length);
      url = response.body['@odata.nextLink'] === undefined ? undefined : relative(response.body['@odata.nextLink']);
    }
    return pages;
  }
  const allIds = (pages: Page[]) => pages.flatMap((page) => page.value.map((entity) => entity.id));

  it('walks every event exactly once, newest first, in pages of the default size', async () => {
    const pages = await walk(`${EVENTS}?$orderby=creationDateTime desc`);
    expect(pages.map((page) => page.value.length)).to.deep.equal([5, 5, 5, 5]);
    expect(allIds(pages)).to.deep.equal([...events].sort(newestFirst).map((event) => event.id));
  });

  it('ends an exact multiple of the page size without a nextLink and without an empty page', async () => {
    const pages = await walk(`${EVENTS}?$top=10`);
    expect(pages.map((page) => page.value.length)).to.deep.equal([5, 5]);
    expect(pages[1]).to.not.have.property('@odata.nextLink');
  });

  it('honours a $top larger than a page across pages', async () => {
    const pages = await walk(`${EVENTS}?$top=12&$orderby=userName`);
    expect(pages.map((page) => page.value.length)).to.deep.equal([5, 5, 2]);
    expect(allIds(pages)).to.deep.equal([...events].sort((a, b) => a.userName.localeCompare(b.userName)).slice(0, 12).map((event) => event.id));
  });

  it('keeps every original option in the nextLink and adds an opaque $skiptoken', async () => {
    const response = await request(gateway.app).get(`${EVENTS}?$filter=roleName ne 'x'&$select=id,userName&$count=true`);
    const link = new URL(response.body['@odata.nextLink']);
    expect(link.searchParams.get('$filter')).to.equal("roleName ne 'x'");
    expect(link.searchParams.get('$select')).to.equal('id,userName');
    expect(link.searchParams.get('$count')).to.equal('true');
    expect(link.searchParams.get('$skiptoken')).to.match(/^[A-Za-z0-9_.-]+$/);
  });

  it('keeps @odata.count on every page of a counted walk', async () => {
    const pages = await walk(`${EVENTS}?$count=true`);
    expect(pages.every((page) => page['@odata.count'] === events.length)).to.equal(true);
  });

  it('neither skips nor repeats events when events are created between two pages', async () => {
    let added = 0;
    const pages = await walk(`${EVENTS}?$orderby=creationDateTime desc`, async () => {
      if (added >= 3) return;
      added += 1;
      await request(gateway.app).post(EVENTS).send({ userName: `late ${added}`, creationDateTime: events[added * 6].creationDateTime }).expect(201);
    });
    const seen = allIds(pages);
    expect(new Set(seen).size, 'no id twice').to.equal(seen.length);
    expect(seen).to.include.members(events.map((event) => event.id));
  });

  it('lowers the page size for Prefer: odata.maxpagesize and says so in Preference-Applied', async () => {
    const response = await request(gateway.app).get(EVENTS).set('Prefer', 'odata.maxpagesize=3');
    expect(response.body.value).to.have.length(3);
    expect(response.headers['preference-applied']).to.equal('odata.maxpagesize=3');
  });

  it('accepts maxpagesize without the odata. prefix', async () => {
    const response = await request(gateway.app).get(EVENTS).set('Prefer', 'maxpagesize=2');
    expect(response.body.value).to.have.length(2);
    expect(response.headers['preference-applied']).to.equal('maxpagesize=2');
  });

  it('never exceeds MAX_PAGE_SIZE, and does not claim a preference it did not apply', async () => {
    const response = await request(gateway.app).get(EVENTS).set('Prefer', 'odata.maxpagesize=500');
    expect(response.body.value).to.have.length(8);
    expect(response.headers).to.not.have.property('preference-applied');
  });

  it('answers 400 to a tampered $skiptoken', async () => {
    const link = new URL((await request(gateway.app).get(EVENTS)).body['@odata.nextLink']);
    const token = link.searchParams.get('$skiptoken')!;
    const tampered = `${token.slice(0, 5)}${token[5] === 'A' ? 'B' : 'A'}${token.slice(6)}`;
    expectGraphError(await request(gateway.app).get(`${EVENTS}?$skiptoken=${tampered}`), 400, 'badRequest');
  });

  it('answers 400 to a $skiptoken taken from another query', async () => {
    const link = new URL((await request(gateway.app).get(`${EVENTS}?$orderby=userName`)).body['@odata.nextLink']);
    const token = link.searchParams.get('$skiptoken')!;
    expectGraphError(await request(gateway.app).get(`${EVENTS}?$orderby=roleName&$skiptoken=${token}`), 400, 'badRequest');
  });
});
