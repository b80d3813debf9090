// The $orderby, $top, $skip and $search cases run on both engines, with expected rows from the JS oracle.
import type { QueryCase } from './query-cases';
import type { EventRow } from './query-fixture';
import { asciiLower } from './query-oracle';

const STRING_PROPERTIES = ['id', 'additionalInformation', 'referenceKey', 'referenceSystem', 'requestorId', 'requestorName',
  'requestType', 'roleId', 'roleName', 'tenantId', 'userId', 'userMail', 'userName'];

/** $search: every term occurs, after ASCII-only case folding, in some string property. */
export function matchesSearch(row: EventRow, terms: readonly string[]): boolean {
  return terms.every((term) => STRING_PROPERTIES.some((name) => {
    const value = row[name];
    return value !== null && asciiLower(value).includes(asciiLower(term));
  }));
}

export function shapeCases(): QueryCase[] {
  return [
    { title: 'orderby ascending puts nulls first, bytewise', query: '$orderby=userName', order: [['userName', 'asc']] },
    { title: 'orderby descending puts nulls last', query: '$orderby=userName desc', order: [['userName', 'desc']] },
    { title: 'orderby several keys, then the id tie-break', query: '$orderby=requestType desc,creationDateTime', order: [['requestType', 'desc'], ['creationDateTime', 'asc']] },
    { title: 'orderby with ties on the timestamp', query: '$orderby=creationDateTime desc,roleName', order: [['creationDateTime', 'desc'], ['roleName', 'asc']] },
    { title: 'orderby asc and desc in any case', query: '$OrderBy=roleName DESC,userName Asc', order: [['roleName', 'desc'], ['userName', 'asc']] },
    { title: 'orderby the key', query: '$orderby=id desc', order: [['id', 'desc']] },
    { title: 'top', query: '$orderby=creationDateTime desc&$top=10', order: [['creationDateTime', 'desc']], top: 10 },
    { title: 'skip and top', query: '$orderby=roleName,userName desc&$skip=5&$top=7', order: [['roleName', 'asc'], ['userName', 'desc']], skip: 5, top: 7 },
    { title: 'skip only', query: '$skip=230', skip: 230 },
    { title: 'top=0', query: '$top=0', top: 0, empty: true },
    { title: 'skip past the end', query: '$skip=1000', skip: 1000, empty: true },
    { title: 'filter, orderby, top and skip together', query: "$filter=roleName ne null&$orderby=userName&$skip=2&$top=20",
      where: (r) => r.roleName !== null, order: [['userName', 'asc']], skip: 2, top: 20 },
    { title: 'search one term, ASCII case-insensitive', query: '$search=blue', where: (r) => matchesSearch(r, ['blue']) },
    { title: 'search terms are ANDed', query: '$search=BLUE green', where: (r) => matchesSearch(r, ['blue', 'green']) },
    { title: 'search explicit AND', query: '$search=blue AND sea', where: (r) => matchesSearch(r, ['blue', 'sea']) },
    { title: 'search phrase', query: '$search=%22green%20sea%22', where: (r) => matchesSearch(r, ['green sea']) },
    { title: 'search folds ASCII only', query: `$search=${encodeURIComponent('éclair')}`, where: (r) => matchesSearch(r, ['éclair']) },
    { title: 'search with filter', query: "$search=alert&$filter=requestType ne null", where: (r) => matchesSearch(r, ['alert']) && r.requestType !== null },
    { title: 'search without $ and in a single-quoted literal', query: "search='%22blue'", where: (r) => matchesSearch(r, ['blue']) },
  ];
}
