/*
 * Copyright (c) 2026 SAP SE or an SAP affiliate company. All rights reserved.
 *
 * This is a generated file powered by the SAP Cloud SDK for JavaScript.
 */
import {
  Entity,
  DefaultDeSerializers,
  DeSerializers,
  DeserializedType
} from '@sap-cloud-sdk/odata-v4';
import type { PrivilegedOperationEventsApi } from './PrivilegedOperationEventsApi';

/**
 * This class represents the entity "privilegedOperationEvents" of service "microsoft.graph".
 */
export class PrivilegedOperationEvents<
  T extends DeSerializers = DefaultDeSerializers
>
  extends Entity
  implements PrivilegedOperationEventsType<T>
{
  /**
   * Technical entity name for PrivilegedOperationEvents.
   */
  static override _entityName = 'privilegedOperationEvents';
  /**
   * Default url path for the according service.
   */
  static override _defaultBasePath = '/';
  /**
   * All key fields of the PrivilegedOperationEvents entity.
   */
  static _keys = ['id'];
  /**
   * Additional Information.
   * @nullable
   */
  declare additionalInformation?: DeserializedType<T, 'Edm.String'> | null;
  /**
   * Creation Date Time.
   * @nullable
   */
  declare creationDateTime?: DeserializedType<T, 'Edm.DateTimeOffset'> | null;
  /**
   * Expiration Date Time.
   * @nullable
   */
  declare expirationDateTime?: DeserializedType<T, 'Edm.DateTimeOffset'> | null;
  /**
   * Reference Key.
   * @nullable
   */
  declare referenceKey?: DeserializedType<T, 'Edm.String'> | null;
  /**
   * Reference System.
   * @nullable
   */
  declare referenceSystem?: DeserializedType<T, 'Edm.String'> | null;
  /**
   * Requestor Id.
   * @nullable
   */
  declare requestorId?: DeserializedType<T, 'Edm.String'> | null;
  /**
   * Requestor Name.
   * @nullable
   */
  declare requestorName?: DeserializedType<T, 'Edm.String'> | null;
  /**
   * Request Type.
   * @nullable
   */
  declare requestType?: DeserializedType<T, 'Edm.String'> | null;
  /**
   * Role Id.
   * @nullable
   */
  declare roleId?: DeserializedType<T, 'Edm.String'> | null;
  /**
   * Role Name.
   * @nullable
   */
  declare roleName?: DeserializedType<T, 'Edm.String'> | null;
  /**
   * Tenant Id.
   * @nullable
   */
  declare tenantId?: DeserializedType<T, 'Edm.String'> | null;
  /**
   * User Id.
   * @nullable
   */
  declare userId?: DeserializedType<T, 'Edm.String'> | null;
  /**
   * User Mail.
   * @nullable
   */
  declare userMail?: DeserializedType<T, 'Edm.String'> | null;
  /**
   * User Name.
   * @nullable
   */
  declare userName?: DeserializedType<T, 'Edm.String'> | null;
  /**
   * Id.
   */
  declare id: DeserializedType<T, 'Edm.String'>;

  constructor(_entityApi: PrivilegedOperationEventsApi<T>) {
    super(_entityApi);
  }
}

export interface PrivilegedOperationEventsType<
  T extends DeSerializers = DefaultDeSerializers
> {
  additionalInformation?: DeserializedType<T, 'Edm.String'> | null;
  creationDateTime?: DeserializedType<T, 'Edm.DateTimeOffset'> | null;
  expirationDateTime?: DeserializedType<T, 'Edm.DateTimeOffset'> | null;
  referenceKey?: DeserializedType<T, 'Edm.String'> | null;
  referenceSystem?: DeserializedType<T, 'Edm.String'> | null;
  requestorId?: DeserializedType<T, 'Edm.String'> | null;
  requestorName?: DeserializedType<T, 'Edm.String'> | null;
  requestType?: DeserializedType<T, 'Edm.String'> | null;
  roleId?: DeserializedType<T, 'Edm.String'> | null;
  roleName?: DeserializedType<T, 'Edm.String'> | null;
  tenantId?: DeserializedType<T, 'Edm.String'> | null;
  userId?: DeserializedType<T, 'Edm.String'> | null;
  userMail?: DeserializedType<T, 'Edm.String'> | null;
  userName?: DeserializedType<T, 'Edm.String'> | null;
  id: DeserializedType<T, 'Edm.String'>;
}
