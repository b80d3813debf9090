/*
 * Copyright (c) 2026 SAP SE or an SAP affiliate company. All rights reserved.
 *
 * This is a generated file powered by the SAP Cloud SDK for JavaScript.
 */
import {
  CreateRequestBuilder,
  DeSerializers,
  DefaultDeSerializers,
  DeleteRequestBuilder,
  DeserializedType,
  GetAllRequestBuilder,
  GetByKeyRequestBuilder,
  RequestBuilder,
  UpdateRequestBuilder
} from '@sap-cloud-sdk/odata-v4';
import { PrivilegedOperationEvents } from './PrivilegedOperationEvents';

/**
 * Request builder class for operations supported on the {@link PrivilegedOperationEvents} entity.
 */
export class PrivilegedOperationEventsRequestBuilder<
  T extends DeSerializers = DefaultDeSerializers
> extends RequestBuilder<PrivilegedOperationEvents<T>, T> {
  /**
   * Returns a request builder for querying all `PrivilegedOperationEvents` entities.
   * @returns A request builder for creating requests to retrieve all `PrivilegedOperationEvents` entities.
   */
  getAll(): GetAllRequestBuilder<PrivilegedOperationEvents<T>, T> {
    return new GetAllRequestBuilder<PrivilegedOperationEvents<T>, T>(
      this.entityApi
    );
  }

  /**
   * Returns a request builder for creating a `PrivilegedOperationEvents` entity.
   * @param entity The entity to be created
   * @returns A request builder for creating requests that create an entity of type `PrivilegedOperationEvents`.
   */
  create(
    entity: PrivilegedOperationEvents<T>
  ): CreateRequestBuilder<PrivilegedOperationEvents<T>, T> {
    return new CreateRequestBuilder<PrivilegedOperationEvents<T>, T>(
      this.entityApi,
      entity
    );
  }

  /**
   * Returns a request builder for retrieving one `PrivilegedOperationEvents` entity based on its keys.
   * @param id Key property. See {@link PrivilegedOperationEvents.id}.
   * @returns A request builder for creating requests to retrieve one `PrivilegedOperationEvents` entity based on its keys.
   */
  getByKey(
    id: DeserializedType<T, 'Edm.String'>
  ): GetByKeyRequestBuilder<PrivilegedOperationEvents<T>, T> {
    return new GetByKeyRequestBuilder<PrivilegedOperationEvents<T>, T>(
      this.entityApi,
      { id: id }
    );
  }

  /**
   * Returns a request builder for updating an entity of type `PrivilegedOperationEvents`.
   * @param entity The entity to be updated
   * @returns A request builder for creating requests that update an entity of type `PrivilegedOperationEvents`.
   */
  update(
    entity: PrivilegedOperationEvents<T>
  ): UpdateRequestBuilder<PrivilegedOperationEvents<T>, T> {
    return new UpdateRequestBuilder<PrivilegedOperationEvents<T>, T>(
      this.entityApi,
      entity
    );
  }

  /**
   * Returns a request builder for deleting an entity of type `PrivilegedOperationEvents`.
   * @param id Key property. See {@link PrivilegedOperationEvents.id}.
   * @returns A request builder for creating requests that delete an entity of type `PrivilegedOperationEvents`.
   */
  delete(id: string): DeleteRequestBuilder<PrivilegedOperationEvents<T>, T>;
  /**
   * Returns a request builder for deleting an entity of type `PrivilegedOperationEvents`.
   * @param entity Pass the entity to be deleted.
   * @returns A request builder for creating requests that delete an entity of type `PrivilegedOperationEvents` by taking the entity as a parameter.
   */
  delete(
    entity: PrivilegedOperationEvents<T>
  ): DeleteRequestBuilder<PrivilegedOperationEvents<T>, T>;
  delete(
    idOrEntity: any
  ): DeleteRequestBuilder<PrivilegedOperationEvents<T>, T> {
    return new DeleteRequestBuilder<PrivilegedOperationEvents<T>, T>(
      this.entityApi,
      idOrEntity instanceof PrivilegedOperationEvents
        ? idOrEntity
        : { id: idOrEntity! }
    );
  }
}
