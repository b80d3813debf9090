// The contract every operation module of src/odata receives: the model, the store and what was built at start-up.
import type { AccessPolicy } from '../auth/access-policy';
import type { PagingConfig } from '../config/gateway-config';
import type { Logger } from '../log/logger';
import type { ServiceModel } from '../model/service-model';
import type { EntityStore } from '../persistence/entity-store';
import type { CollectionQueryCache } from './collection-query-cache';
import type { EntityTagger } from './entity-tag';
import type { ODataServerAdapter } from './odata-server-adapter';
import type { PayloadValidator } from './payload-validator';

export interface ODataServiceOptions {
  readonly model: ServiceModel;
  readonly store: EntityStore;
  /** Origin (plus a prefix a proxy strips); each request's service root adds req.baseUrl (service-urls.ts). */
  readonly publicUrl: string;
  readonly access: AccessPolicy;
  /** Where every write is logged (entity.created, entity.updated, entity.deleted). */
  readonly logger: Logger;
  readonly maxBodyBytes: number;
  readonly paging: PagingConfig;
}

/** Everything an operation needs, built once at start-up. */
export interface ODataService extends ODataServiceOptions {
  readonly adapter: ODataServerAdapter;
  readonly validators: ReadonlyMap<string, PayloadValidator>;
  /** ETag functions of the entity sets annotated Core.OptimisticConcurrency. */
  readonly taggers: ReadonlyMap<string, EntityTagger>;
  /** Parsed and compiled collection queries, reused while the same query repeats. */
  readonly queries: CollectionQueryCache;
  /** Signs $skiptoken values: the configured secret, or one derived from the CSDL so that every instance agrees. */
  readonly skipTokenKey: string | Uint8Array;
}
