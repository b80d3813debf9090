/*
 * Copyright (c) 2026 SAP SE or an SAP affiliate company. All rights reserved.
 *
 * This is a generated file powered by the SAP Cloud SDK for JavaScript.
 */
import { PrivilegedOperationEvents } from './PrivilegedOperationEvents';
import { PrivilegedOperationEventsRequestBuilder } from './PrivilegedOperationEventsRequestBuilder';
import {
  CustomField,
  defaultDeSerializers,
  DefaultDeSerializers,
  DeSerializers,
  AllFields,
  entityBuilder,
  EntityBuilderType,
  EntityApi,
  FieldBuilder,
  OrderableEdmTypeField
} from '@sap-cloud-sdk/odata-v4';
export class PrivilegedOperationEventsApi<
  DeSerializersT extends DeSerializers = DefaultDeSerializers
> implements EntityApi<
  PrivilegedOperationEvents<DeSerializersT>,
  DeSerializersT
> {
  public deSerializers: DeSerializersT;

  private constructor(
    deSerializers: DeSerializersT = defaultDeSerializers as any
  ) {
    this.deSerializers = deSerializers;
  }

  /**
   * Do not use this method or the constructor directly.
   * Use the service function as described in the documentation to get an API instance.
   */
  public static _privateFactory<
    DeSerializersT extends DeSerializers = DefaultDeSerializers
  >(
    deSerializers: DeSerializersT = defaultDeSerializers as any
  ): PrivilegedOperationEventsApi<DeSerializersT> {
    return new PrivilegedOperationEventsApi(deSerializers);
  }

  private navigationPropertyFields!: {};

  _addNavigationProperties(linkedApis: []): this {
    this.navigationPropertyFields = {};
    return this;
  }

  entityConstructor = PrivilegedOperationEvents;

  requestBuilder(): PrivilegedOperationEventsRequestBuilder<DeSerializersT> {
    return new PrivilegedOperationEventsRequestBuilder<DeSerializersT>(this);
  }

  entityBuilder(): EntityBuilderType<
    PrivilegedOperationEvents<DeSerializersT>,
    DeSerializersT
  > {
    return entityBuilder<
      PrivilegedOperationEvents<DeSerializersT>,
      DeSerializersT
    >(this);
  }

  customField<NullableT extends boolean = false>(
    fieldName: string,
    isNullable: NullableT = false as NullableT
  ): CustomField<
    PrivilegedOperationEvents<DeSerializersT>,
    DeSerializersT,
    NullableT
  > {
    return new CustomField(
      fieldName,
      this.entityConstructor,
      this.deSerializers,
      isNullable
    ) as any;
  }

  private _fieldBuilder?: FieldBuilder<
    typeof PrivilegedOperationEvents,
    DeSerializersT
  >;
  get fieldBuilder() {
    if (!this._fieldBuilder) {
      this._fieldBuilder = new FieldBuilder(
        PrivilegedOperationEvents,
        this.deSerializers
      );
    }
    return this._fieldBuilder;
  }

  private _schema?: {
    ADDITIONAL_INFORMATION: OrderableEdmTypeField<
      PrivilegedOperationEvents<DeSerializers>,
      DeSerializersT,
      'Edm.String',
      true,
      true
    >;
    CREATION_DATE_TIME: OrderableEdmTypeField<
      PrivilegedOperationEvents<DeSerializers>,
      DeSerializersT,
      'Edm.DateTimeOffset',
      true,
      true
    >;
    EXPIRATION_DATE_TIME: OrderableEdmTypeField<
      PrivilegedOperationEvents<DeSerializers>,
      DeSerializersT,
      'Edm.DateTimeOffset',
      true,
      true
    >;
    REFERENCE_KEY: OrderableEdmTypeField<
      PrivilegedOperationEvents<DeSerializers>,
      DeSerializersT,
      'Edm.String',
      true,
      true
    >;
    REFERENCE_SYSTEM: OrderableEdmTypeField<
      PrivilegedOperationEvents<DeSerializers>,
      DeSerializersT,
      'Edm.String',
      true,
      true
    >;
    REQUESTOR_ID: OrderableEdmTypeField<
      PrivilegedOperationEvents<DeSerializers>,
      DeSerializersT,
      'Edm.String',
      true,
      true
    >;
    REQUESTOR_NAME: OrderableEdmTypeField<
      PrivilegedOperationEvents<DeSerializers>,
      DeSerializersT,
      'Edm.String',
      true,
      true
    >;
    REQUEST_TYPE: OrderableEdmTypeField<
      PrivilegedOperationEvents<DeSerializers>,
      DeSerializersT,
      'Edm.String',
      true,
      true
    >;
    ROLE_ID: OrderableEdmTypeField<
      PrivilegedOperationEvents<DeSerializers>,
      DeSerializersT,
      'Edm.String',
      true,
      true
    >;
    ROLE_NAME: OrderableEdmTypeField<
      PrivilegedOperationEvents<DeSerializers>,
      DeSerializersT,
      'Edm.String',
      true,
      true
    >;
    TENANT_ID: OrderableEdmTypeField<
      PrivilegedOperationEvents<DeSerializers>,
      DeSerializersT,
      'Edm.String',
      true,
      true
    >;
    USER_ID: OrderableEdmTypeField<
      PrivilegedOperationEvents<DeSerializers>,
      DeSerializersT,
      'Edm.String',
      true,
      true
    >;
    USER_MAIL: OrderableEdmTypeField<
      PrivilegedOperationEvents<DeSerializers>,
      DeSerializersT,
      'Edm.String',
      true,
      true
    >;
    USER_NAME: OrderableEdmTypeField<
      PrivilegedOperationEvents<DeSerializers>,
      DeSerializersT,
      'Edm.String',
      true,
      true
    >;
    ID: OrderableEdmTypeField<
      PrivilegedOperationEvents<DeSerializers>,
      DeSerializersT,
      'Edm.String',
      false,
      true
    >;
    ALL_FIELDS: AllFields<PrivilegedOperationEvents<DeSerializers>>;
  };

  get schema() {
    if (!this._schema) {
      const fieldBuilder = this.fieldBuilder;
      this._schema = {
        /**
         * Static representation of the {@link additionalInformation} property for query construction.
         * Use to reference this property in query operations such as 'select' in the fluent request API.
         */
        ADDITIONAL_INFORMATION: fieldBuilder.buildEdmTypeField(
          'additionalInformation',
          'Edm.String',
          true
        ),
        /**
         * Static representation of the {@link creationDateTime} property for query construction.
         * Use to reference this property in query operations such as 'select' in the fluent request API.
         */
        CREATION_DATE_TIME: fieldBuilder.buildEdmTypeField(
          'creationDateTime',
          'Edm.DateTimeOffset',
          true,
          7
        ),
        /**
         * Static representation of the {@link expirationDateTime} property for query construction.
         * Use to reference this property in query operations such as 'select' in the fluent request API.
         */
        EXPIRATION_DATE_TIME: fieldBuilder.buildEdmTypeField(
          'expirationDateTime',
          'Edm.DateTimeOffset',
          true,
          7
        ),
        /**
         * Static representation of the {@link referenceKey} property for query construction.
         * Use to reference this property in query operations such as 'select' in the fluent request API.
         */
        REFERENCE_KEY: fieldBuilder.buildEdmTypeField(
          'referenceKey',
          'Edm.String',
          true
        ),
        /**
         * Static representation of the {@link referenceSystem} property for query construction.
         * Use to reference this property in query operations such as 'select' in the fluent request API.
         */
        REFERENCE_SYSTEM: fieldBuilder.buildEdmTypeField(
          'referenceSystem',
          'Edm.String',
          true
        ),
        /**
         * Static representation of the {@link requestorId} property for query construction.
         * Use to reference this property in query operations such as 'select' in the fluent request API.
         */
        REQUESTOR_ID: fieldBuilder.buildEdmTypeField(
          'requestorId',
          'Edm.String',
          true
        ),
        /**
         * Static representation of the {@link requestorName} property for query construction.
         * Use to reference this property in query operations such as 'select' in the fluent request API.
         */
        REQUESTOR_NAME: fieldBuilder.buildEdmTypeField(
          'requestorName',
          'Edm.String',
          true
        ),
        /**
         * Static representation of the {@link requestType} property for query construction.
         * Use to reference this property in query operations such as 'select' in the fluent request API.
         */
        REQUEST_TYPE: fieldBuilder.buildEdmTypeField(
          'requestType',
          'Edm.String',
          true
        ),
        /**
         * Static representation of the {@link roleId} property for query construction.
         * Use to reference this property in query operations such as 'select' in the fluent request API.
         */
        ROLE_ID: fieldBuilder.buildEdmTypeField('roleId', 'Edm.String', true),
        /**
         * Static representation of the {@link roleName} property for query construction.
         * Use to reference this property in query operations such as 'select' in the fluent request API.
         */
        ROLE_NAME: fieldBuilder.buildEdmTypeField(
          'roleName',
          'Edm.String',
          true
        ),
        /**
         * Static representation of the {@link tenantId} property for query construction.
         * Use to reference this property in query operations such as 'select' in the fluent request API.
         */
        TENANT_ID: fieldBuilder.buildEdmTypeField(
          'tenantId',
          'Edm.String',
          true
        ),
        /**
         * Static representation of the {@link userId} property for query construction.
         * Use to reference this property in query operations such as 'select' in the fluent request API.
         */
        USER_ID: fieldBuilder.buildEdmTypeField('userId', 'Edm.String', true),
        /**
         * Static representation of the {@link userMail} property for query construction.
         * Use to reference this property in query operations such as 'select' in the fluent request API.
         */
        USER_MAIL: fieldBuilder.buildEdmTypeField(
          'userMail',
          'Edm.String',
          true
        ),
        /**
         * Static representation of the {@link userName} property for query construction.
         * Use to reference this property in query operations such as 'select' in the fluent request API.
         */
        USER_NAME: fieldBuilder.buildEdmTypeField(
          'userName',
          'Edm.String',
          true
        ),
        /**
         * Static representation of the {@link id} property for query construction.
         * Use to reference this property in query operations such as 'select' in the fluent request API.
         */
        ID: fieldBuilder.buildEdmTypeField('id', 'Edm.String', false),
        ...this.navigationPropertyFields,
        /**
         *
         * All fields selector.
         */
        ALL_FIELDS: new AllFields('*', PrivilegedOperationEvents)
      };
    }

    return this._schema;
  }
}
