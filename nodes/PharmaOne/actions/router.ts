import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { RESOURCES } from './resources';
import { MAX_PARALLEL_REQUESTS } from '../descriptions/requestOptions';
import { executionState } from '../transport/executionState';
import type { OperationModule } from './types';

function findOperation(ctx: IExecuteFunctions): OperationModule {
	const resource = ctx.getNodeParameter('resource', 0) as string;
	const operation = ctx.getNodeParameter('operation', 0) as string;
	const operations = (RESOURCES as Record<string, { operations: Record<string, OperationModule> }>)[resource]
		?.operations;
	const found = operations?.[operation];
	if (!found) {
		throw new NodeOperationError(ctx.getNode(), `The operation "${operation}" is not supported for resource "${resource}"`);
	}
	return found;
}

function toItems(result: IDataObject | IDataObject[], itemIndex: number): INodeExecutionData[] {
	const rows = Array.isArray(result) ? result : [result ?? {}];
	return rows.map((json) => ({ json, pairedItem: { item: itemIndex } }));
}

/** Adds the item number to an error once, keeping n8n's own error objects intact. */
function withItem(ctx: IExecuteFunctions, error: unknown, itemIndex: number): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) {
		error.context.itemIndex ??= itemIndex;
		return error;
	}
	return new NodeOperationError(ctx.getNode(), error as Error, { itemIndex });
}

async function runItem(
	ctx: IExecuteFunctions,
	operation: OperationModule,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	try {
		return toItems(await operation.execute.call(ctx, itemIndex), itemIndex);
	} catch (error) {
		const failure = withItem(ctx, error, itemIndex);
		if (!ctx.continueOnFail()) throw failure;
		return [
			{
				json: { error: failure.message, ...(failure.description ? { description: failure.description } : {}) },
				pairedItem: { item: itemIndex },
			},
		];
	}
}

/**
 * The one item loop of the node: look up the operation and run it per item, one at a time or
 * with up to 16 items in flight (Request Options → Parallel Requests). Output keeps input order.
 */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const operation = findOperation(this);
	const options = this.getNodeParameter('requestOptions', 0, {}) as IDataObject;
	executionState(this).retry = options.retry !== false;
	const parallel = Math.min(MAX_PARALLEL_REQUESTS, Math.max(1, Math.floor(Number(options.parallelRequests ?? 1)) || 1));

	const results: INodeExecutionData[][] = new Array(items.length);
	let next = 0;
	const stop: { index?: number; error?: unknown } = {};
	const worker = async (count = Infinity) => {
		for (let done = 0; done < count && stop.index === undefined && next < items.length; done++) {
			const index = next++;
			try {
				results[index] = await runItem(this, operation, index);
			} catch (error) {
				if (stop.index === undefined || index < stop.index) Object.assign(stop, { index, error });
			}
		}
	};
	// The first item runs alone, so a missing or expired token is exchanged once and stored
	// before the other items start in parallel.
	await worker(1);
	await Promise.all(Array.from({ length: Math.min(parallel, items.length) }, () => worker()));
	if (stop.index !== undefined) throw stop.error;
	return [results.flat()];
}
