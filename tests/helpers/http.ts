export interface ErrorJson {
  error: { code: string; message: string; fields?: { field: string; message: string }[]; [k: string]: unknown };
}

/** The `{"error":{…}}` body every route answers with on failure. */
export const errorOf = async (res: Response): Promise<ErrorJson['error']> => ((await res.json()) as ErrorJson).error;
