// The OASIS ABNF test cases for $filter, $orderby, $select, $top, $skip, $count, $search and $skiptoken, as query strings, with the status each must get.
import { load } from 'js-yaml';
import { readCsdlText } from '../../src/model/read-csdl';
import type { EntitySet } from '../../src/model/service-model';
import expectations from './query-abnf-expectations.json';
import { readSharedOdataFile } from './shared-odata-dir';

export interface AbnfCase {
  readonly name: string;
  readonly rule: string;
  readonly input: string;
  /** A negative case: the ABNF rejects the input. */
  readonly negative: boolean;
  /** The raw query string the case becomes. */
  readonly query: string;
  /** 200 for a query that parses; otherwise the error status. */
  readonly status: number;
  readonly reason: string;
}

interface TestSuite {
  readonly Constraints: Readonly<Record<string, readonly string[]>>;
  readonly TestCases: readonly { Name: string; Rule: string; Input: string; FailAt?: number }[];
}

/** How an input of each rule becomes a query string; rules for resource paths and other parts of a URL are left out. */
const AS_QUERY: Readonly<Record<string, (input: string) => string>> = {
  queryOptions: (input) => input, systemQueryOption: (input) => input, customQueryOption: (input) => input,
  filter: (input) => input, select: (input) => input, orderby: (input) => input, orderBy: (input) => input,
  search: (input) => input, skiptoken: (input) => input,
  boolCommonExpr: (input) => `$filter=${input}`, boolcommonExpr: (input) => `$filter=${input}`, notExpr: (input) => `$filter=${input}`,
  commonExpr: (input) => `$filter=${input}`, searchExpr: (input) => `$search=${input}`,
};

// The ABNF test model's property names, typed as its examples use them; everything else is Edm.String
const TYPES: Readonly<Record<string, string>> = {
  Price: 'Edm.Double', Cost: 'Edm.Double', Revenue: 'Edm.Double', Amount: 'Edm.Double', TaxRate: 'Edm.Double', SumAmount: 'Edm.Double',
  Rating: 'Edm.Int32', Age: 'Edm.Int32', Quantity: 'Edm.Int32', Population: 'Edm.Int64', Completed: 'Edm.Boolean', Shipped: 'Edm.Boolean',
  BirthDate: 'Edm.DateTimeOffset', LifeTime: 'Edm.DateTimeOffset', ReleaseDate: 'Edm.Date',
};

export function readAbnfSuite(): TestSuite {
  return load(readSharedOdataFile('abnf/odata-abnf-testcases.yaml')) as TestSuite;
}

/** An entity type with the ABNF model's primitive property names, read through the project's own CSDL reader. */
export function abnfStandIn(suite: TestSuite): EntitySet {
  const names = [...new Set([...suite.Constraints.primitiveKeyProperty, ...suite.Constraints.primitiveNonKeyProperty])].filter((name) => name !== 'ID');
  const properties = names.map((name) => `<Property Name="${name}" Type="${TYPES[name] ?? 'Edm.String'}"/>`).join('');
  const xml = '<?xml version="1.0"?><edmx:Edmx xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx" Version="4.01"><edmx:DataServices>'
    + '<Schema xmlns="http://docs.oasis-open.org/odata/ns/edm" Namespace="Model"><EntityType Name="Product"><Key><PropertyRef Name="ID"/></Key>'
    + `<Property Name="ID" Type="Edm.String" Nullable="false"/>${properties}</EntityType>`
    + '<EntityContainer Name="Container"><EntitySet Name="Products" EntityType="Model.Product"/></EntityContainer></Schema></edmx:DataServices></edmx:Edmx>';
  return readCsdlText(xml, 'abnf-stand-in.xml').entitySets[0];
}

export function abnfCases(suite: TestSuite): AbnfCase[] {
  const expected = new Map<string, { status: number; reason: string }>();
  for (const group of expectations) for (const input of group.inputs) expected.set(input, { status: group.status, reason: group.reason });
  return suite.TestCases.filter((testCase) => AS_QUERY[testCase.Rule] !== undefined).map((testCase) => {
    const negative = testCase.FailAt !== undefined;
    const listed = expected.get(testCase.Input);
    return {
      name: testCase.Name, rule: testCase.Rule, input: testCase.Input, negative, query: AS_QUERY[testCase.Rule](testCase.Input),
      status: listed?.status ?? (negative ? 400 : 200),
      reason: listed?.reason ?? (negative ? 'the ABNF rejects it' : 'the ABNF accepts it and the service implements it'),
    };
  });
}

export const expectationInputs = (): string[] => expectations.flatMap((group) => group.inputs);
