import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { PharmaOneClient } from '../../shared/client';
import type { Route } from '../../shared/routes';
import type { ToolSpec } from '../helpers/toolMode';

/**
 * What one route's operation file exports. Its name (the Operation value saved in workflows) is the key it
 * is registered under in its resource's operations, and its resource is the key in RESOURCES: neither is
 * written in the operation file.
 */
export interface OperationModule {
	/** The option shown in the Operation list; its value is the registered name. */
	option: { name: string; action: string; description: string };
	/** Its own fields; operationSelector() shows them for this resource and operation only. */
	description: INodeProperties[];
	/** What an AI model reads when the node is PharmaOne Tool: the tool description and the parameters it fills. */
	tool: ToolSpec;
	/** Routes it may call: a test checks every route of the table is reachable. */
	routes: readonly Route[];
	/** Items in flight under automatic Parallel Requests, when not decided by whether its routes are safe to repeat. */
	automaticParallel?: number;
	/** One item in, one object or a list of rows out, through the execution's client. No loop, no try/catch. */
	execute(this: IExecuteFunctions, itemIndex: number, client: PharmaOneClient): Promise<IDataObject | IDataObject[]>;
}

export type ResourceOperations = Record<string, OperationModule>;
