import type { IExecuteFunctions } from 'n8n-workflow';

/** What Return All and Limit ask for, in the form `fetchRows()` takes. */
export function readReturnAll(ctx: IExecuteFunctions, i: number): { returnAll: boolean; limit: number } {
	const returnAll = ctx.getNodeParameter('returnAll', i, false) as boolean;
	return { returnAll, limit: returnAll ? 0 : (ctx.getNodeParameter('limit', i, 50) as number) };
}

/** How many rows a list operation returns by default to an AI model (PharmaOne Tool): few, so answers stay small. */
export const TOOL_LIMIT = 10;
