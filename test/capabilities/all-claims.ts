// Every claim the tests know how to check, and the annotations that are no claim about HTTP behaviour.
import { batchSupport } from './batch-claims';
import type { Claim } from './claims';
import { conformanceLevel } from './conformance-claims';
import { deleteRestrictions, insertRestrictions, readRestrictions, updateRestrictions } from './data-modification-claims';
import { filterFunctions, filterRestrictions } from './filter-claims';
import { countRestrictions, skipSupported, sortRestrictions, topSupported } from './query-option-claims';
import { changeTracking, computeSupported, expandRestrictions, searchRestrictions, selectSupport } from './select-search-claims';
import { authorizations, permissionClaims } from './permission-claims';
import { serviceTagClaims, supportedFormats, supportedMetadataFormats } from './service-claims';

/** Checked whether or not the CSDL applies the term: an absent term claims the vocabulary's default. */
export const CLAIMS: readonly Claim[] = [
  conformanceLevel, supportedFormats, supportedMetadataFormats, ...serviceTagClaims, batchSupport, filterFunctions,
  readRestrictions, filterRestrictions, sortRestrictions, countRestrictions, searchRestrictions, selectSupport,
  topSupported, skipSupported, computeSupported, expandRestrictions, changeTracking,
  insertRestrictions, updateRestrictions, deleteRestrictions, authorizations, ...permissionClaims,
];

export const NOT_HTTP_CLAIMS: Readonly<Record<string, string>> = {
  'Org.OData.Core.V1.Description': 'prose for people',
  'Org.OData.Core.V1.LongDescription': 'prose for people',
  'Gateway.Storage.V1.Indexes': 'storage: test/persistence/declared-indexes.test.ts checks the indexes and that the documented calls use them',
};
