// The shape the OpenAPI post-processing works on: the converter's output as plain JSON objects.
export type OpenApiJson = Record<string, unknown>;
