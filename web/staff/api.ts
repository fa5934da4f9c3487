/**
 * The workbench's API client: the shared one with the staff bearer, and a 401 (session expired or
 * ended by a roster change) sends the browser to sign in again instead of showing an error.
 */
import { apiClient, ApiError, type ApiClient } from '../shared/api';
import { bearer, startSignIn } from './auth';

const base = apiClient(bearer);

async function retryOn401<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) return startSignIn();
    throw err;
  }
}

export const api: ApiClient = {
  get: (path) => retryOn401(() => base.get(path)),
  post: (path, body, headers) => retryOn401(() => base.post(path, body, headers)),
  patch: (path, body) => retryOn401(() => base.patch(path, body)),
  put: (path, body) => retryOn401(() => base.put(path, body)),
};

export { ApiError };
