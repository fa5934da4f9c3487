import { ValidationError } from '../../errors';

/**
 * An absolute http(s) URL on PUBLIC_BASE_URL's origin, or a 400 naming `field`. Sign-in redirects and
 * JS-SDK signatures are only for our own pages: anything else would hand a WeCom code, or a signature
 * made with our ticket, to another site.
 */
export function requireOurOrigin(field: string, raw: string, publicBaseUrl: string): URL {
  let url: URL | undefined;
  try {
    url = new URL(raw);
  } catch {
    url = undefined;
  }
  const ours = new URL(publicBaseUrl).origin;
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:') || url.origin !== ours) {
    const message = `must be an absolute URL of a page on ${ours}`;
    throw new ValidationError(`invalid ${field}: ${message}`, [{ field, message }]);
  }
  return url;
}
