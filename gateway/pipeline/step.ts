// The gateway's pipeline: one concern per step, in DESIGN.md's fixed order, cheapest
// refusal first. A step refuses by throwing an HttpError (answered by lib/http-server.ts);
// the code goes into the request log. Steps are plain functions, like envelop's plugins.
import { HttpError } from '../../lib/http-server.js';
import type { GatewayRequest } from './gateway-request.js';

export interface GatewayStep {
  /** Shown in logs when the step fails unexpectedly. */
  readonly name: string;
  readonly run: (request: GatewayRequest) => void | Promise<void>;
}

/** Runs the steps in order; stops at the first refusal, recording its code. */
export async function runPipeline(steps: readonly GatewayStep[], request: GatewayRequest): Promise<void> {
  for (const step of steps) {
    try {
      await step.run(request);
    } catch (error) {
      if (error instanceof HttpError) request.errorCodes.add(error.code);
      throw error;
    }
    if (request.response.writableEnded || request.response.destroyed) return;
  }
}
