/*
 * Copyright (c) 2026 SAP SE or an SAP affiliate company. All rights reserved.
 *
 * This is a generated file powered by the SAP Cloud SDK for JavaScript.
 */
export * from './PrivilegedOperationEvents';
export * from './PrivilegedOperationEventsRequestBuilder';
export * from './BatchRequest';
export * from './service';
