import * as z from 'zod';

/**
 * The event shapes our functions accept, one schema each. Sources: tencent-cloud.md §2.2 (API
 * Gateway), §2.3 (Function URL), §2.1 (timer), §3.2 (CloudBase HTTP access, callFunction).
 */

const queryValue = z.union([z.string(), z.array(z.string()), z.boolean()]);
const headers = z.record(z.string(), z.union([z.string(), z.array(z.string())]).optional());

/** Function URL: the APIGW shape minus requestContext, *Parameters and isBase64Encoded. */
export const FunctionUrlEventSchema = z.object({
  httpMethod: z.string(),
  path: z.string(),
  headers: headers.default({}),
  queryString: z.record(z.string(), queryValue).nullish(),
  body: z.string().nullish(),
});

/** Legacy API Gateway trigger (integration request). */
export const ApiGatewayEventSchema = FunctionUrlEventSchema.extend({
  requestContext: z.object({
    serviceId: z.string(),
    requestId: z.string().optional(),
    sourceIp: z.string().optional(),
    stage: z.string().optional(),
  }),
  queryStringParameters: z.record(z.string(), z.string()).nullish(),
  isBase64Encoded: z.boolean().optional(),
});

/** CloudBase HTTP access service. */
export const CloudbaseHttpEventSchema = z.object({
  httpMethod: z.string(),
  path: z.string(),
  headers: headers.default({}),
  queryStringParameters: z.record(z.string(), z.string()).nullish(),
  body: z.string().nullish(),
  isBase64Encoded: z.boolean().optional(),
  requestContext: z.object({ requestId: z.string().optional(), envId: z.string() }),
});

export const TimerEventSchema = z.object({
  Type: z.literal('Timer'),
  TriggerName: z.string(),
  Time: z.string(),
  Message: z.string().default(''),
});

/** Mini-program callFunction data, by our `{action, data}` convention. */
export const CallFunctionEventSchema = z.object({
  action: z.string().min(1),
  data: z.unknown().optional(),
});

export type FunctionUrlEvent = z.infer<typeof FunctionUrlEventSchema>;
export type ApiGatewayEvent = z.infer<typeof ApiGatewayEventSchema>;
export type CloudbaseHttpEvent = z.infer<typeof CloudbaseHttpEventSchema>;
export type TimerEvent = z.infer<typeof TimerEventSchema>;
export type CallFunctionEvent = z.infer<typeof CallFunctionEventSchema>;

export type HttpSource = 'function_url' | 'apigw' | 'cloudbase_http';

export type TriggerEvent =
  | { kind: 'http'; source: HttpSource; event: FunctionUrlEvent | ApiGatewayEvent | CloudbaseHttpEvent }
  | { kind: 'timer'; event: TimerEvent }
  | { kind: 'call'; event: CallFunctionEvent };

/** Decides which trigger delivered `raw`; undefined when it is none we accept. */
export function detectTrigger(raw: unknown): TriggerEvent | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const r = raw as Record<string, unknown>;
  if (r.Type === 'Timer') {
    const timer = TimerEventSchema.safeParse(raw);
    return timer.success ? { kind: 'timer', event: timer.data } : undefined;
  }
  if (typeof r.httpMethod === 'string') {
    const ctx = r.requestContext as Record<string, unknown> | undefined;
    if (ctx && typeof ctx.envId === 'string') {
      const e = CloudbaseHttpEventSchema.safeParse(raw);
      return e.success ? { kind: 'http', source: 'cloudbase_http', event: e.data } : undefined;
    }
    if (ctx && typeof ctx.serviceId === 'string') {
      const e = ApiGatewayEventSchema.safeParse(raw);
      return e.success ? { kind: 'http', source: 'apigw', event: e.data } : undefined;
    }
    const e = FunctionUrlEventSchema.safeParse(raw);
    return e.success ? { kind: 'http', source: 'function_url', event: e.data } : undefined;
  }
  const call = CallFunctionEventSchema.safeParse(raw);
  return call.success ? { kind: 'call', event: call.data } : undefined;
}
