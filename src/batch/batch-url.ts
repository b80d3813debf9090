// The URL of an inner request: relative to the service root (with or without a leading `/`), or absolute within it.
// Anything that leaves the service root (another host, `..`, a network-path reference) or names `$batch` is refused.
import { BadRequestError } from '../errors/graph-error';

/** The inner request's path and query below the service root, starting with `/`. */
export function innerUrl(url: string, serviceRoot: string, target: string): string {
  if (url.length === 0) throw new BadRequestError('The url of a batch request must not be empty.', { target });
  if (/[^\u0021-\u007e]|[#\\]/.test(url)) {
    throw new BadRequestError('The url of a batch request must be percent-encoded and carry no fragment.', { target });
  }
  const root = new URL(serviceRoot);
  const rootPath = root.pathname.replace(/\/$/, '');
  let relative: string;
  if (/^[a-z][a-z0-9+.-]*:/i.test(url) || url.startsWith('//')) relative = absoluteInside(url, root, rootPath, target);
  // The Graph JS client writes `https://host/beta/x` as `/beta/x`: a path that starts with the root's own path is one.
  else if (rootPath !== '' && (url === rootPath || url.startsWith(`${rootPath}/`) || url.startsWith(`${rootPath}?`))) relative = url.slice(rootPath.length);
  else relative = url.startsWith('/') ? url : `/${url}`;
  checkSegments(relative, target);
  return relative === '' ? '/' : relative;
}

function absoluteInside(url: string, root: URL, rootPath: string, target: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new BadRequestError(`The url '${url}' of a batch request is not a valid URL.`, { target });
  }
  const path = parsed.pathname;
  if (parsed.origin !== root.origin || (path !== rootPath && !path.startsWith(`${rootPath}/`)) || !url.includes(rootPath)) {
    throw new BadRequestError('The url of a batch request must name a resource of this service, relative to its service root.', { target });
  }
  const start = url.indexOf(rootPath, url.indexOf('//') + 2) + rootPath.length;
  return url.slice(start);
}

function checkSegments(relative: string, target: string): void {
  const path = relative.split('?')[0] ?? '';
  const segments = path.split('/').slice(1).map((segment) => {
    try {
      return decodeURIComponent(segment);
    } catch {
      throw new BadRequestError('The url of a batch request has an invalid percent-encoding.', { target });
    }
  });
  if (segments.some((segment) => segment === '.' || segment === '..')) {
    throw new BadRequestError('The url of a batch request must not contain dot segments.', { target });
  }
  if (segments[0] === '$batch') throw new BadRequestError('A batch request must not itself be a $batch request.', { target });
}
