// OData version headers (OData 4.01 Part 1, 8.1.5 and 8.2.7): the service speaks 4.0, also to 4.01 clients.
import type { NextFunction, Request, Response } from 'express';
import { BadRequestError } from '../errors/graph-error';

const VERSION = /^(\d+)\.(\d+)$/;

function versionNumber(text: string, header: string): number {
  const match = VERSION.exec(text.trim());
  if (!match) throw new BadRequestError(`The ${header} header '${text}' is not a version such as 4.0.`);
  return Number(match[1]) + Number(match[2]) / 100;
}

export function odataVersion(req: Request, _res: Response, next: NextFunction): void {
  const maxVersion = req.get('odata-maxversion');
  if (maxVersion !== undefined && versionNumber(maxVersion, 'OData-MaxVersion') < 4) {
    throw new BadRequestError(`The service supports OData 4.0; OData-MaxVersion ${maxVersion} excludes it.`);
  }
  const version = req.get('odata-version');
  if (version !== undefined) {
    const number = versionNumber(version, 'OData-Version');
    if (number < 4 || number > 4.01) throw new BadRequestError(`OData-Version ${version} is not supported; use 4.0 or 4.01.`);
  }
  next();
}
