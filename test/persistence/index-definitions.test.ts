// Index names and statements derived from the model: deterministic, within PostgreSQL's identifier limit, one per column list.
import { expect } from 'chai';
import { indexDefinitions, indexName } from '../../src/persistence/index-definitions';
import { graphBetaModel, privilegedOperationEvents } from './test-model';

describe('index definitions', () => {
  const entitySet = privilegedOperationEvents(graphBetaModel());
  const columns = (...names: readonly string[]) => names.map((name) => ({ property: name.replace(/ desc$/, ''), descending: name.endsWith(' desc') }));

  it('name an index by its table and columns alone: the same on both engines, PostgreSQL adding the key order', () => {
    const names = (engine: 'sqlite' | 'postgres') => indexDefinitions(entitySet, engine, '"t"').map((definition) => definition.name);
    expect(names('postgres')).to.deep.equal([...names('sqlite'), indexName('privilegedOperationEvents', columns('id'))]);
  });

  it('give different column lists or orders different names', () => {
    const names = [columns('creationDateTime desc', 'id'), columns('creationDateTime', 'id'), columns('creationDateTime', 'id desc')]
      .map((list) => indexName('privilegedOperationEvents', list));
    expect(new Set(names).size).to.equal(3);
  });

  it('keep names within 63 bytes, the readable part cut, the hash kept', () => {
    const name = indexName('ä'.repeat(40), columns('requestType', 'creationDateTime desc', 'id'));
    expect(Buffer.byteLength(name)).to.be.at.most(63);
    expect(name).to.match(/^ix_ä+_[0-9a-f]{8}$/);
  });

  it('write CREATE INDEX IF NOT EXISTS, so that every start may run them', () => {
    for (const { sql } of indexDefinitions(entitySet, 'postgres', '"s"."t"')) expect(sql).to.match(/^CREATE INDEX IF NOT EXISTS "ix_[^"]+" ON "s"\."t" \(/);
  });
});
