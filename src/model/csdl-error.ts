// The start-up error for a CSDL file the service cannot serve truthfully: names the file, element and reason.

export class CsdlError extends Error {
  constructor(readonly file: string, readonly element: string, readonly reason: string) {
    super(`${file}: ${element}: ${reason}`);
    this.name = 'CsdlError';
  }
}
