// The part of the OASIS odata-openapi converter (JavaScript, no types of its own) the gateway calls.
declare module 'odata-openapi' {
  export function csdl2openapi(csdl: object, options?: { readonly messages?: string[]; readonly [option: string]: unknown }): object;
}
